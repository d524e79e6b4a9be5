import { type FormEvent, type RefObject, useState } from 'react';
import {
  type Problem,
  ProblemMessage,
  problemOf,
  splitFieldErrors,
  SelectField,
  TextField,
} from '@reintegra/ui-web';
import { api, intake } from '../api';
import { CONSENT_CHOICES, CONSENT_FORM_VERSION, CONSENT_TEXT, consentBody } from '../consent-texts';
import { useI18n } from '../i18n';
import { isTransient } from '../offline/transient';
import { enqueue } from '../offline/use-offline-queue';
import type { Registered } from './register-person';

/** The guardian's fields, as intake names them in its errors. */
const GUARDIAN_FIELDS = ['firstNames', 'lastNames', 'phone'];

/** The consent text read aloud, its version, and one consent per purpose the person agreed to. */
export function ConsentStep(props: {
  headingRef: RefObject<HTMLHeadingElement | null>;
  registered: Registered;
  /** How many purposes were saved, and whether any waits on this device for the network. */
  onSaved: (count: number, offline: boolean) => void;
}) {
  const { t, language } = useI18n();
  const text = CONSENT_TEXT[language];
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [saved, setSaved] = useState<Set<string>>(new Set());
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  // A minor's consent is given by their guardian, recorded on the case first (online only).
  const needsGuardian = props.registered.minor && props.registered.queuedAs === undefined;
  const [guardian, setGuardian] = useState({
    firstNames: '',
    lastNames: '',
    capacity: 'parent',
    phone: '',
  });
  const [guardianSaved, setGuardianSaved] = useState(false);
  // One key per purpose: saving again after a lost answer records one consent, not two.
  const [keys] = useState<Record<string, string>>(() =>
    Object.fromEntries(CONSENT_CHOICES.map((choice) => [choice.key, crypto.randomUUID()])),
  );
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    const done = new Set(saved);
    const { caseId, queuedAs, name } = props.registered;
    let offline = queuedAs !== undefined;
    const queue = (choice: (typeof CONSENT_CHOICES)[number]) =>
      enqueue({
        id: keys[choice.key] ?? crypto.randomUUID(),
        kind: 'consent',
        ...(queuedAs ? { dependsOn: queuedAs } : { caseId }),
        name,
        body: consentBody(choice),
      });
    try {
      if (needsGuardian && !guardianSaved && chosen.size > 0) {
        await api.apiPut(intake(`/cases/${caseId}/guardian`), {
          firstNames: guardian.firstNames,
          lastNames: guardian.lastNames,
          capacity: guardian.capacity,
          ...(guardian.phone.trim() ? { phone: guardian.phone } : {}),
        });
        setGuardianSaved(true);
      }
      for (const choice of CONSENT_CHOICES) {
        if (!chosen.has(choice.key) || done.has(choice.key)) continue;
        if (offline) await queue(choice);
        else {
          try {
            await api.apiPost(intake(`/cases/${caseId}/consents`), consentBody(choice), {
              'idempotency-key': keys[choice.key] ?? '',
            });
          } catch (failure) {
            if (!isTransient(failure)) throw failure;
            // The network went while saving: this one and the rest are sent later, in order.
            offline = true;
            await queue(choice);
          }
        }
        done.add(choice.key);
      }
      props.onSaved(done.size, offline);
    } catch (failure) {
      setProblem(problemOf(failure));
    } finally {
      setSaved(done);
      setBusy(false);
    }
  };
  const { byField } = splitFieldErrors(problem, GUARDIAN_FIELDS);
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
        {needsGuardian && (
          <fieldset data-testid="guardian-fields" disabled={guardianSaved}>
            <legend>{t.household.guardianLegend}</legend>
            <TextField
              name="guardianFirstNames"
              label={t.household.guardianFirstNames}
              value={guardian.firstNames}
              onChange={(e) => setGuardian({ ...guardian, firstNames: e.target.value })}
              errors={byField['firstNames']}
            />
            <TextField
              name="guardianLastNames"
              label={t.household.guardianLastNames}
              value={guardian.lastNames}
              onChange={(e) => setGuardian({ ...guardian, lastNames: e.target.value })}
              errors={byField['lastNames']}
            />
            <SelectField
              name="guardianCapacity"
              label={t.household.guardianCapacity}
              value={guardian.capacity}
              onChange={(e) => setGuardian({ ...guardian, capacity: e.target.value })}
            >
              {Object.entries(t.household.capacities).map(([value, text]) => (
                <option key={value} value={value}>
                  {text}
                </option>
              ))}
            </SelectField>
            <TextField
              name="guardianPhone"
              label={t.household.guardianPhone}
              type="tel"
              value={guardian.phone}
              onChange={(e) => setGuardian({ ...guardian, phone: e.target.value })}
              errors={byField['phone']}
            />
          </fieldset>
        )}
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
        <ProblemMessage
          problem={problem}
          genericTitle={t.genericError}
          shownFields={needsGuardian ? GUARDIAN_FIELDS : []}
        />
        <button type="submit" disabled={busy}>
          {t.consent.save}
        </button>
      </form>
    </section>
  );
}
