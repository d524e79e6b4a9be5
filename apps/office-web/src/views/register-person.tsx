import { type FormEvent, useEffect, useRef, useState } from 'react';
import {
  ApiError,
  type Problem,
  ProblemMessage,
  problemOf,
  splitFieldErrors,
} from '@reintegra/ui-web';
import { api, intake } from '../api';
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
import { isTransient } from '../offline/transient';
import { enqueue } from '../offline/use-offline-queue';
import { ConsentStep } from './consent-step';
import { Comparison } from './duplicate-comparison';
import { PersonFields } from './person-fields';

export interface Registered {
  returneeId: string;
  caseId: string;
  minor: boolean;
  summary: string;
  /** The person's name, as registered (queued items show it to the officer). */
  name: string;
  /** Saved without a network: the queued request whose answer will give the case ('' until then). */
  queuedAs?: string;
}

function isMinor(dateOfBirth: string): boolean {
  const born = Date.parse(dateOfBirth);
  return Number.isFinite(born) && Date.now() - born < 18 * 365.25 * 86_400_000;
}

type Stage =
  | { kind: 'form' }
  | { kind: 'duplicates'; candidates: DuplicateCandidate[] }
  | { kind: 'consent'; registered: Registered }
  | { kind: 'done'; registered: Registered; saved: number; offline: boolean };

export function RegisterPerson(props: {
  entry: ArrivalEntry;
  listId: string;
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
  // One key per request made here: a resend (lost answer, replay from the queue) is the same
  // request to intake, never a second person. A changed request (corrected form, confirmed as a
  // new person) may reuse it: intake keeps a key only for a request it carried out.
  const [key] = useState(() => crypto.randomUUID());
  const [episodeKey] = useState(() => crypto.randomUUID());
  const headingRef = useRef<HTMLHeadingElement>(null);
  const name = `${form.firstNames} ${form.lastNames}`.trim();

  // Each step starts at its heading, for keyboard and screen-reader users alike.
  useEffect(() => {
    headingRef.current?.focus();
  }, [stage.kind]);

  const registered = (result: Omit<Registered, 'summary' | 'name'>, summary: string) => {
    const value: Registered = {
      returneeId: result.returneeId,
      caseId: result.caseId,
      minor: result.minor,
      summary,
      name,
      ...(result.queuedAs ? { queuedAs: result.queuedAs } : {}),
    };
    props.onRegistered(value);
    setProblem(undefined);
    setStage({ kind: 'consent', registered: value });
  };

  const register = async (confirmedNewPerson: boolean) => {
    setBusy(true);
    setProblem(undefined);
    const body = registrationBody(form, props.entry.id, confirmedNewPerson);
    try {
      const result = await api.apiPost<{ returneeId: string; caseId: string; minor: boolean }>(
        intake('/returnees'),
        body,
        { 'idempotency-key': key },
      );
      registered(result, t.consent.registered(name));
    } catch (failure) {
      if (isTransient(failure)) {
        await queueOffline({ id: key, kind: 'registration', body });
        return;
      }
      const found = failure instanceof ApiError ? duplicatesOf(failure.problem) : undefined;
      if (found && found.length > 0) {
        setStage({ kind: 'duplicates', candidates: found });
        setProblem(undefined);
      } else setProblem(problemOf(failure));
    } finally {
      setBusy(false);
    }
  };

  // No network: kept on this device and sent, in order, when the connection is back; the
  // consents of the person wait for its answer.
  const queueOffline = async (
    request: { id: string; kind: 'registration' | 'episode'; body: Record<string, unknown> },
    returneeId?: string,
  ) => {
    await enqueue({
      ...request,
      ...(returneeId ? { returneeId } : {}),
      listId: props.listId,
      entryId: props.entry.id,
      name,
    });
    registered(
      {
        returneeId: returneeId ?? '',
        caseId: '',
        minor: isMinor(form.dateOfBirth),
        queuedAs: request.id,
      },
      t.offline.savedOffline(name),
    );
  };

  const openEpisode = async (returneeId: string) => {
    setBusy(true);
    setProblem(undefined);
    const body = episodeBody(form, props.entry.id);
    try {
      const result = await api.apiPost<{
        returneeId: string;
        caseId: string;
        minor: boolean;
        episodeNumber: number;
      }>(intake(`/returnees/${returneeId}/episodes`), body, { 'idempotency-key': episodeKey });
      registered(result, t.duplicates.newEpisodeDone(result.episodeNumber));
    } catch (failure) {
      if (isTransient(failure))
        await queueOffline({ id: episodeKey, kind: 'episode', body }, returneeId);
      else setProblem(problemOf(failure));
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
        onSaved={(saved, offline) =>
          setStage({ kind: 'done', registered: stage.registered, saved, offline })
        }
      />
    );
  }

  return (
    <section aria-labelledby="done-title" className="done">
      <h1 id="done-title" ref={headingRef} tabIndex={-1}>
        {stage.registered.summary}
      </h1>
      <p role="status" data-testid="consent-saved">
        {stage.saved === 0
          ? t.consent.none
          : stage.offline
            ? t.offline.consentsQueued(stage.saved)
            : t.consent.saved(stage.saved)}
      </p>
      {stage.registered.minor && <p className="warning">{t.consent.minor}</p>}
      <div className="actions">
        {props.hasNext && (
          <button type="button" onClick={props.onNext} data-testid="next-person">
            {t.consent.next}
          </button>
        )}
        {stage.registered.caseId && (
          <a href={`#/cases/${stage.registered.caseId}`}>{t.consent.openCase}</a>
        )}
        <button type="button" className="secondary" onClick={props.onCancel}>
          {t.form.cancel}
        </button>
      </div>
    </section>
  );
}
