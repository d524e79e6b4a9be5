import { type FormEvent, type RefObject, useEffect, useMemo, useRef, useState } from 'react';
import { districts, municipalities, departments } from '@reintegra/reference-data';
import {
  ApiError,
  formatDate,
  type Problem,
  ProblemMessage,
  problemOf,
  splitFieldErrors,
} from '@reintegra/ui-web';
import { api, intake } from '../api';
import { CONSENT_CHOICES, CONSENT_FORM_VERSION, CONSENT_TEXT, consentBody } from '../consent-texts';
import { useI18n } from '../i18n';
import {
  type ArrivalEntry,
  type DuplicateCandidate,
  duplicatesOf,
  episodeBody,
  FORM_FIELDS,
  formFromEntry,
  type RegistrationForm,
  registrationBody,
} from '../registration';
import { SelectField, TextField } from './fields';

export interface Registered {
  returneeId: string;
  caseId: string;
  minor: boolean;
  summary: string;
  /** A new episode of a known person: intake cannot link the arrival entry to it (yet). */
  viaEpisode: boolean;
}

type Stage =
  | { kind: 'form' }
  | { kind: 'duplicates'; candidates: DuplicateCandidate[] }
  | { kind: 'consent'; registered: Registered }
  | { kind: 'done'; registered: Registered; saved: number };

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
export function RegisterPerson(props: {
  entry: ArrivalEntry;
  officerMunicipality: string | null;
  onRegistered: (registered: Registered) => void;
  onNext: () => void;
  onCancel: () => void;
  hasNext: boolean;
}) {
  const { t } = useI18n();
  const [form, setForm] = useState<RegistrationForm>(() =>
    formFromEntry(props.entry, props.officerMunicipality),
  );
  const [stage, setStage] = useState<Stage>({ kind: 'form' });
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const name = `${form.firstNames} ${form.lastNames}`.trim();

  // Each step starts at its heading, for keyboard and screen-reader users alike.
  useEffect(() => {
    headingRef.current?.focus();
  }, [stage.kind]);

  const registered = (
    result: Omit<Registered, 'summary' | 'viaEpisode'>,
    summary: string,
    viaEpisode = false,
  ) => {
    const value = {
      returneeId: result.returneeId,
      caseId: result.caseId,
      minor: result.minor,
      summary,
      viaEpisode,
    };
    props.onRegistered(value);
    setProblem(undefined);
    setStage({ kind: 'consent', registered: value });
  };

  const register = async (confirmedNewPerson: boolean) => {
    setBusy(true);
    setProblem(undefined);
    try {
      const result = await api.apiPost<{ returneeId: string; caseId: string; minor: boolean }>(
        intake('/returnees'),
        registrationBody(form, props.entry.id, confirmedNewPerson),
      );
      registered(result, t.consent.registered(name));
    } catch (failure) {
      const found = failure instanceof ApiError ? duplicatesOf(failure.problem) : undefined;
      if (found && found.length > 0) {
        setStage({ kind: 'duplicates', candidates: found });
        setProblem(undefined);
      } else setProblem(problemOf(failure));
    } finally {
      setBusy(false);
    }
  };

  const openEpisode = async (returneeId: string) => {
    setBusy(true);
    setProblem(undefined);
    try {
      const result = await api.apiPost<{
        returneeId: string;
        caseId: string;
        minor: boolean;
        episodeNumber: number;
      }>(intake(`/returnees/${returneeId}/episodes`), episodeBody(form));
      registered(result, t.duplicates.newEpisodeDone(result.episodeNumber), true);
    } catch (failure) {
      setProblem(problemOf(failure));
    } finally {
      setBusy(false);
    }
  };

  if (stage.kind === 'form') {
    const { byField } = splitFieldErrors(problem, [...FORM_FIELDS, 'contact']);
    const phoneErrors = [...(byField['phone'] ?? []), ...(byField['contact'] ?? [])];
    const submit = (event: FormEvent) => {
      event.preventDefault();
      void register(false);
    };
    return (
      <section aria-labelledby="register-title" className="register">
        <h1 id="register-title" ref={headingRef} tabIndex={-1}>
          {t.form.title(name)}
        </h1>
        <p className="muted">{t.form.prefilled}</p>
        <ProblemMessage
          problem={problem}
          genericTitle={t.genericError}
          shownFields={[...FORM_FIELDS, 'contact']}
        />
        <PersonFields
          form={form}
          setForm={setForm}
          byField={byField}
          phoneErrors={phoneErrors}
          onSubmit={submit}
          busy={busy}
          onCancel={props.onCancel}
        />
      </section>
    );
  }

  if (stage.kind === 'duplicates') {
    return (
      <section aria-labelledby="duplicates-title" className="duplicates">
        <h1 id="duplicates-title" ref={headingRef} tabIndex={-1}>
          {t.duplicates.title}
        </h1>
        <p>{stage.candidates.some((c) => c.sameDui) ? t.duplicates.sameDui : t.duplicates.intro}</p>
        <ProblemMessage problem={problem} genericTitle={t.genericError} />
        <Comparison
          form={form}
          candidates={stage.candidates}
          busy={busy}
          onSamePerson={(id) => void openEpisode(id)}
        />
        <div className="actions">
          {!stage.candidates.some((c) => c.sameDui) && (
            <button
              type="button"
              className="secondary"
              disabled={busy}
              onClick={() => void register(true)}
            >
              {t.duplicates.differentPerson}
            </button>
          )}
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setProblem(undefined);
              setStage({ kind: 'form' });
            }}
          >
            {t.duplicates.correct}
          </button>
        </div>
      </section>
    );
  }

  if (stage.kind === 'consent') {
    return (
      <ConsentStep
        headingRef={headingRef}
        registered={stage.registered}
        onSaved={(saved) => setStage({ kind: 'done', registered: stage.registered, saved })}
      />
    );
  }

  return (
    <section aria-labelledby="done-title" className="done">
      <h1 id="done-title" ref={headingRef} tabIndex={-1}>
        {stage.registered.summary}
      </h1>
      <p role="status" data-testid="consent-saved">
        {stage.saved > 0 ? t.consent.saved(stage.saved) : t.consent.none}
      </p>
      {stage.registered.minor && <p className="warning">{t.consent.minor}</p>}
      <div className="actions">
        {props.hasNext && (
          <button type="button" onClick={props.onNext} data-testid="next-person">
            {t.consent.next}
          </button>
        )}
        <a href={`#/cases/${stage.registered.caseId}`}>{t.consent.openCase}</a>
        <button type="button" className="secondary" onClick={props.onCancel}>
          {t.form.cancel}
        </button>
      </div>
    </section>
  );
}

function PersonFields(props: {
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

interface Person {
  id: string;
  dui: string | null;
  firstNames: string;
  lastNames: string;
  dateOfBirth: string;
  gender: string;
  episodes: {
    episodeNumber: number;
    returnDate: string;
    countryReturnedFrom: string;
    status: string;
  }[];
}

/** The person arriving and each record intake offers, side by side. */
function Comparison(props: {
  form: RegistrationForm;
  candidates: DuplicateCandidate[];
  busy: boolean;
  onSamePerson: (returneeId: string) => void;
}) {
  const { t, language } = useI18n();
  const [people, setPeople] = useState<Record<string, Person | Problem>>({});
  useEffect(() => {
    for (const candidate of props.candidates) {
      api.apiGet<Person>(intake(`/returnees/${candidate.returneeId}`)).then(
        (person) => setPeople((all) => ({ ...all, [candidate.returneeId]: person })),
        (failure: unknown) =>
          setPeople((all) => ({ ...all, [candidate.returneeId]: problemOf(failure) })),
      );
    }
  }, [props.candidates]);
  const gender = (value: string) => t.form.genders[value] ?? value;
  return (
    <div className="comparison" data-testid="comparison">
      <article className="card arriving" aria-labelledby="arriving-title">
        <h2 id="arriving-title">{t.duplicates.arriving}</h2>
        <dl className="facts">
          <dt>{t.form.firstNames}</dt>
          <dd>{props.form.firstNames}</dd>
          <dt>{t.form.lastNames}</dt>
          <dd>{props.form.lastNames}</dd>
          <dt>{t.form.dateOfBirth}</dt>
          <dd>{formatDate(props.form.dateOfBirth, language)}</dd>
          <dt>{t.form.dui}</dt>
          <dd>{props.form.dui || '—'}</dd>
          <dt>{t.form.gender}</dt>
          <dd>{gender(props.form.gender)}</dd>
        </dl>
      </article>
      {props.candidates.map((candidate, index) => {
        const person = people[candidate.returneeId];
        const n = index + 1;
        const last = person && 'episodes' in person ? person.episodes.at(-1) : undefined;
        return (
          <article
            key={candidate.returneeId}
            className="card candidate"
            aria-labelledby={`candidate-${n}`}
            data-testid="candidate"
          >
            <h2 id={`candidate-${n}`}>{t.duplicates.candidate(n)}</h2>
            {person === undefined && <p role="status">{t.loading}</p>}
            {person && 'status' in person && !('episodes' in person) && (
              <p>{person.status === 403 ? t.duplicates.otherMunicipality : person.title}</p>
            )}
            {person && 'episodes' in person && (
              <dl className="facts">
                <dt>{t.form.firstNames}</dt>
                <dd>{person.firstNames}</dd>
                <dt>{t.form.lastNames}</dt>
                <dd>{person.lastNames}</dd>
                <dt>{t.form.dateOfBirth}</dt>
                <dd>{formatDate(person.dateOfBirth, language)}</dd>
                <dt>{t.form.dui}</dt>
                <dd>{person.dui ?? '—'}</dd>
                <dt>{t.form.gender}</dt>
                <dd>{gender(person.gender)}</dd>
                <dt>{t.duplicates.episodes}</dt>
                <dd>{person.episodes.length}</dd>
                {last && (
                  <>
                    <dt>{t.duplicates.lastReturn}</dt>
                    <dd>
                      {formatDate(last.returnDate, language)} · {last.countryReturnedFrom}
                    </dd>
                  </>
                )}
              </dl>
            )}
            {candidate.nameSimilarity !== null && (
              <p className="muted">
                {t.duplicates.similarity}: {Math.round(candidate.nameSimilarity * 100)} %
                {candidate.sameDateOfBirth ? ` · ${t.duplicates.sameBirth}` : ''}
              </p>
            )}
            <button
              type="button"
              disabled={props.busy}
              onClick={() => props.onSamePerson(candidate.returneeId)}
            >
              {t.duplicates.samePerson}
              <span className="visually-hidden"> ({t.duplicates.candidate(n)})</span>
            </button>
          </article>
        );
      })}
    </div>
  );
}

function ConsentStep(props: {
  headingRef: RefObject<HTMLHeadingElement | null>;
  registered: Registered;
  onSaved: (count: number) => void;
}) {
  const { t, language } = useI18n();
  const text = CONSENT_TEXT[language];
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [saved, setSaved] = useState<Set<string>>(new Set());
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    const done = new Set(saved);
    try {
      for (const choice of CONSENT_CHOICES) {
        if (!chosen.has(choice.key) || done.has(choice.key)) continue;
        await api.apiPost(
          intake(`/cases/${props.registered.caseId}/consents`),
          consentBody(choice),
        );
        done.add(choice.key);
      }
      props.onSaved(done.size);
    } catch (failure) {
      setProblem(problemOf(failure));
    } finally {
      setSaved(done);
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="consent-title" className="consent">
      <p role="status" className="notice">
        {props.registered.summary}
      </p>
      <h1 id="consent-title" ref={props.headingRef} tabIndex={-1}>
        {t.consent.title}
      </h1>
      <p>
        {t.consent.version}: <code data-testid="consent-version">{CONSENT_FORM_VERSION}</code>
      </p>
      <div className="read-aloud">
        <p className="muted">{t.consent.readAloud}</p>
        {text.intro.map((paragraph) => (
          <p key={paragraph}>{paragraph}</p>
        ))}
      </div>
      <form onSubmit={(e) => void save(e)}>
        <fieldset>
          <legend>{t.consent.accepts}</legend>
          {CONSENT_CHOICES.map((choice) => (
            <div className="check" key={choice.key}>
              <input
                type="checkbox"
                id={`consent-${choice.key}`}
                checked={chosen.has(choice.key)}
                disabled={saved.has(choice.key)}
                onChange={(event) => {
                  const checked = event.target.checked;
                  setChosen((current) => {
                    const updated = new Set(current);
                    if (checked) updated.add(choice.key);
                    else updated.delete(choice.key);
                    return updated;
                  });
                }}
              />
              <label htmlFor={`consent-${choice.key}`}>{text.choices[choice.key]}</label>
            </div>
          ))}
        </fieldset>
        <p className="muted">{text.closing}</p>
        <ProblemMessage problem={problem} genericTitle={t.genericError} />
        <button type="submit" disabled={busy}>
          {t.consent.save}
        </button>
      </form>
    </section>
  );
}
