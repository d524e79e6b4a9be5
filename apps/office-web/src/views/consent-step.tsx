import { type FormEvent, type RefObject, useState } from 'react';
import { type Problem, ProblemMessage, problemOf } from '@reintegra/ui-web';
import { api, intake } from '../api';
import { CONSENT_CHOICES, CONSENT_FORM_VERSION, CONSENT_TEXT, consentBody } from '../consent-texts';
import { useI18n } from '../i18n';
import type { Registered } from './register-person';

/** The consent text read aloud, its version, and one consent per purpose the person agreed to. */
export function ConsentStep(props: {
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
