import { SelectField, TextField } from '@reintegra/ui-web';
import { type FormEvent, useMemo } from 'react';
import { departments, districts, municipalities } from '@reintegra/reference-data';
import { useI18n } from '../i18n';
import type { RegistrationForm } from '../registration';

const COUNTRIES = ['US', 'MX', 'GT', 'HN', 'NI', 'CR', 'PA', 'BZ', 'CA', 'ES'];
const RECEPTION_POINTS = [
  'aeropuerto-internacional-san-oscar-romero',
  'frontera-la-hachadura',
  'frontera-el-amatillo',
  'frontera-san-cristobal',
  'frontera-anguiatu',
  'frontera-el-poy',
  'otro',
];

/** One person of the arrival list: registration, duplicates, consent, then the next person. */

/** The registration form's fields: what the arrival list brought, and what the officer completes. */
export function PersonFields(props: {
  form: RegistrationForm;
  setForm: (update: (form: RegistrationForm) => RegistrationForm) => void;
  byField: Record<string, string[]>;
  phoneErrors: string[];
  onSubmit: (event: FormEvent) => void;
  busy: boolean;
  onCancel: () => void;
}) {
  const { t, language } = useI18n();
  const { form, byField } = props;
  const set = (field: keyof RegistrationForm) => (event: { target: { value: string } }) => {
    const value = event.target.value;
    props.setForm((current) => ({
      ...current,
      [field]: value,
      ...(field === 'municipalityCode' ? { districtCode: '' } : {}),
    }));
  };
  const regionName = useMemo(() => {
    const names = new Intl.DisplayNames([language === 'es' ? 'es-SV' : 'en-US'], {
      type: 'region',
    });
    return (code: string) => names.of(code) ?? code;
  }, [language]);
  const countries =
    COUNTRIES.includes(form.countryReturnedFrom) || !form.countryReturnedFrom
      ? COUNTRIES
      : [form.countryReturnedFrom, ...COUNTRIES];
  const districtsHere = districts.filter((d) => d.municipalityCode === form.municipalityCode);
  return (
    <form onSubmit={props.onSubmit} noValidate className="person-form">
      <div className="grid">
        <TextField
          name="dui"
          label={t.form.dui}
          help={t.form.duiHelp}
          value={form.dui}
          onChange={set('dui')}
          errors={byField['dui']}
          inputMode="numeric"
          autoComplete="off"
        />
        <TextField
          name="firstNames"
          label={t.form.firstNames}
          value={form.firstNames}
          onChange={set('firstNames')}
          errors={byField['firstNames']}
          autoComplete="off"
          required
        />
        <TextField
          name="lastNames"
          label={t.form.lastNames}
          value={form.lastNames}
          onChange={set('lastNames')}
          errors={byField['lastNames']}
          autoComplete="off"
          required
        />
        <TextField
          name="dateOfBirth"
          type="date"
          label={t.form.dateOfBirth}
          value={form.dateOfBirth}
          onChange={set('dateOfBirth')}
          errors={byField['dateOfBirth']}
          required
        />
        <SelectField
          name="gender"
          label={t.form.gender}
          value={form.gender}
          onChange={set('gender')}
          errors={byField['gender']}
        >
          {Object.entries(t.form.genders).map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </SelectField>
        <TextField
          name="returnDate"
          type="date"
          label={t.form.returnDate}
          value={form.returnDate}
          onChange={set('returnDate')}
          errors={byField['returnDate']}
          required
        />
        <SelectField
          name="countryReturnedFrom"
          label={t.form.countryReturnedFrom}
          value={form.countryReturnedFrom}
          onChange={set('countryReturnedFrom')}
          errors={byField['countryReturnedFrom']}
        >
          {countries.map((code) => (
            <option key={code} value={code}>
              {regionName(code)}
            </option>
          ))}
        </SelectField>
        <SelectField
          name="receptionPoint"
          label={t.form.receptionPoint}
          value={form.receptionPoint}
          onChange={set('receptionPoint')}
          errors={byField['receptionPoint']}
        >
          {RECEPTION_POINTS.map((point) => (
            <option key={point} value={point}>
              {t.receptionPoints[point] ?? point}
            </option>
          ))}
        </SelectField>
        <SelectField
          name="municipalityCode"
          label={t.form.municipalityCode}
          value={form.municipalityCode}
          onChange={set('municipalityCode')}
          errors={byField['municipalityCode']}
          required
        >
          <option value="">{t.form.chooseMunicipality}</option>
          {departments.map((department) => (
            <optgroup key={department.code} label={department.name}>
              {municipalities
                .filter((m) => m.departmentCode === department.code)
                .map((m) => (
                  <option key={m.code} value={m.code}>
                    {m.name}
                  </option>
                ))}
            </optgroup>
          ))}
        </SelectField>
        <SelectField
          name="districtCode"
          label={t.form.districtCode}
          value={form.districtCode}
          onChange={set('districtCode')}
          errors={byField['districtCode']}
          disabled={districtsHere.length === 0}
        >
          <option value="">{t.form.chooseDistrict}</option>
          {districtsHere.map((d) => (
            <option key={d.code} value={d.code}>
              {d.name}
            </option>
          ))}
        </SelectField>
        <TextField
          name="phone"
          type="tel"
          label={t.form.phone}
          value={form.phone}
          onChange={set('phone')}
          errors={props.phoneErrors}
          autoComplete="off"
        />
      </div>
      <div className="actions">
        <button type="submit" disabled={props.busy}>
          {props.busy ? t.form.saving : t.form.save}
        </button>
        <button type="button" className="secondary" onClick={props.onCancel}>
          {t.form.cancel}
        </button>
      </div>
    </form>
  );
}
