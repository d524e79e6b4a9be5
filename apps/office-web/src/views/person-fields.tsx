import { FormActions, SelectField, TextField } from '@reintegra/ui-web';
import { type FormEvent, useMemo } from 'react';
import { departments, districts, municipalities } from '@reintegra/reference-data';
import { useI18n } from '../i18n';
import { RECEPTION_POINTS } from '@reintegra/vocabulary';
import type { RegistrationForm } from '../registration';

const COUNTRIES = ['US', 'MX', 'GT', 'HN', 'NI', 'CR', 'PA', 'BZ', 'CA', 'ES'];

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
  // Every field's name, label, value, change handler and API errors follow from its name.
  const field = (name: keyof RegistrationForm) => ({
    name,
    label: t.form[name],
    value: form[name],
    onChange: set(name),
    errors: byField[name],
  });
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
        <TextField {...field('dui')} help={t.form.duiHelp} inputMode="numeric" autoComplete="off" />
        <TextField {...field('firstNames')} autoComplete="off" required />
        <TextField {...field('lastNames')} autoComplete="off" required />
        <TextField {...field('dateOfBirth')} type="date" required />
        <SelectField {...field('gender')}>
          {Object.entries(t.form.genders).map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </SelectField>
        <TextField {...field('returnDate')} type="date" required />
        <SelectField {...field('countryReturnedFrom')}>
          {countries.map((code) => (
            <option key={code} value={code}>
              {regionName(code)}
            </option>
          ))}
        </SelectField>
        <SelectField {...field('receptionPoint')}>
          {RECEPTION_POINTS.map((point) => (
            <option key={point} value={point}>
              {t.receptionPoints[point] ?? point}
            </option>
          ))}
        </SelectField>
        <SelectField {...field('municipalityCode')} required>
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
        <SelectField {...field('districtCode')} disabled={districtsHere.length === 0}>
          <option value="">{t.form.chooseDistrict}</option>
          {districtsHere.map((d) => (
            <option key={d.code} value={d.code}>
              {d.name}
            </option>
          ))}
        </SelectField>
        <TextField {...field('phone')} type="tel" errors={props.phoneErrors} autoComplete="off" />
      </div>
      <FormActions
        submit={props.busy ? t.form.saving : t.form.save}
        busy={props.busy}
        cancel={t.form.cancel}
        onCancel={props.onCancel}
      />
    </form>
  );
}
