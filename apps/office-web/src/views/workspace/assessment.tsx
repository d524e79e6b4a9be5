import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import {
  focusFirstInvalid,
  focusLater,
  FormActions,
  formatDateTime,
  Loading,
  ProblemMessage,
  problemOf,
  type Problem,
} from '@reintegra/ui-web';
import { api, intake } from '../../api';
import { useI18n } from '../../i18n';
import { QuestionItem } from './question-item';
import {
  answersOf,
  fieldPaths,
  type FormState,
  latestVersion,
  type Questionnaire,
  type Section,
  summaryOf,
} from './questionnaire';
import type { AssessmentSummary } from './workspace-data';

/**
 * The needs assessment: the form drawn from the newest questionnaire version, or, once saved, what
 * general reads may say about it. Screening answers are never read back: intake stores them apart.
 */
export function AssessmentSection(props: {
  caseId: string;
  assessments: { data?: AssessmentSummary[]; error?: Problem };
  onSaved: () => void;
}) {
  const { t, language } = useI18n();
  const { assessments } = props;
  const list = api.useApi<{ version: string; publishedOn: string }[]>(intake('/questionnaires'));
  const version = list.data ? latestVersion(list.data) : undefined;
  const questionnaire = api.useApi<Questionnaire>(
    version ? intake(`/questionnaires/${encodeURIComponent(version)}`) : null,
  );
  const initial = assessments.data?.find((a) => a.wave === null);
  const text = t.workspace.assessment;
  return (
    <section aria-labelledby="assessment-title" className="wide panel">
      <h2 id="assessment-title">{text.title}</h2>
      <ProblemMessage
        problem={assessments.error ?? list.error ?? questionnaire.error}
        genericTitle={t.genericError}
      />
      {!assessments.data && !assessments.error && <Loading label={t.loading} />}
      {initial && (
        <div data-testid="assessment-done">
          <p role="status" id="assessment-done" tabIndex={-1}>
            {text.done(formatDateTime(initial.completedAt, language))}
          </p>
          <p>
            {text.screening}:{' '}
            {initial.screening.completed ? text.screeningDone : text.screeningNotDone}
          </p>
          {initial.screening.suggestsVictimSupport && (
            <p className="warning">{text.suggestsVictimSupport}</p>
          )}
        </div>
      )}
      {assessments.data && !initial && questionnaire.data && (
        <AssessmentForm
          caseId={props.caseId}
          questionnaire={questionnaire.data}
          onSaved={props.onSaved}
        />
      )}
    </section>
  );
}

function AssessmentForm(props: {
  caseId: string;
  questionnaire: Questionnaire;
  onSaved: () => void;
}) {
  const { t, language } = useI18n();
  const text = t.workspace.assessment;
  const [form, setForm] = useState<FormState>({});
  const [confidential, setConfidential] = useState<'closed' | 'asked' | 'skipped'>('closed');
  const [problem, setProblem] = useState<Problem>();
  const [saving, setSaving] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (problem) focusFirstInvalid(formRef.current);
  }, [problem]);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    try {
      await api.apiPost(intake(`/cases/${props.caseId}/assessments`), {
        questionnaireVersion: props.questionnaire.version,
        answers: answersOf(props.questionnaire, form, confidential === 'asked'),
      });
      setProblem(undefined);
      // The form (screening answers included) is dropped: the saved summary replaces it.
      setForm({});
      props.onSaved();
      focusLater('assessment-done');
    } catch (failure) {
      setProblem(problemOf(failure));
    } finally {
      setSaving(false);
    }
  };
  const shown = fieldPaths(props.questionnaire, form);
  const summary = summaryOf(problem, shown, t.workspace.invalid);
  const items = (section: Section) =>
    section.items.map((item) => (
      <QuestionItem
        key={item.id}
        item={item}
        value={form[item.id]}
        problem={problem}
        onChange={(value) => setForm((current) => ({ ...current, [item.id]: value }))}
      />
    ));
  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={(event) => void save(event)}
      data-testid="assessment-form"
    >
      <p className="muted">
        {text.intro} ({props.questionnaire.title[language]})
      </p>
      {props.questionnaire.sections.map((section) => (
        <fieldset key={section.id} data-testid={`section-${section.id}`}>
          <legend>{section.title[language]}</legend>
          {section.confidential ? (
            <Confidential
              state={confidential}
              onChange={setConfidential}
              firstId={`q-${section.items[0]?.id ?? ''}`}
            >
              {items(section)}
            </Confidential>
          ) : (
            <div className="grid">{items(section)}</div>
          )}
        </fieldset>
      ))}
      <ProblemMessage problem={summary} genericTitle={t.genericError} />
      <FormActions submit={saving ? text.saving : text.save} busy={saving} />
    </form>
  );
}

/** The screening is asked only after its own notice has been read to the person. */
function Confidential(props: {
  state: 'closed' | 'asked' | 'skipped';
  onChange: (state: 'closed' | 'asked' | 'skipped') => void;
  /** The first question's control: focus goes there once the notice is read. */
  firstId: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const text = t.workspace.assessment;
  return (
    <>
      <p className="warning">{text.confidentialNotice}</p>
      {props.state === 'asked' ? (
        <div className="grid">{props.children}</div>
      ) : (
        <>
          {props.state === 'skipped' && <p role="status">{text.confidentialClosed}</p>}
          <div className="actions">
            <button
              type="button"
              className="secondary"
              onClick={() => {
                props.onChange('asked');
                focusLater(props.firstId);
              }}
            >
              {text.askConfidential}
            </button>
            {props.state === 'closed' && (
              <button type="button" className="secondary" onClick={() => props.onChange('skipped')}>
                {text.skipConfidential}
              </button>
            )}
          </div>
        </>
      )}
    </>
  );
}
