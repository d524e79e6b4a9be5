import { type FormEvent, useState } from 'react';
import {
  FormActions,
  formatDateTime,
  label,
  ProblemMessage,
  problemOf,
  splitFieldErrors,
  TextField,
  type Problem,
} from '@reintegra/ui-web';
import { api, education } from '../api';
import { useI18n } from '../i18n';
import { InboxPage, useAnswerNotice } from './inbox/inbox-page';

interface EducationReferral {
  id: string;
  caseId: string;
  priority: string;
  status: string;
  providerIds: string[];
  providerId: string | null;
  enrolmentId: string | null;
  reasonCode: string | null;
  receivedAt: string;
}

const DOCUMENTS = [
  'dui',
  'birth-certificate',
  'last-grade-certificate',
  'guardian-authorisation',
  'proof-of-address',
];

/**
 * The education office's referral queue. Education answers by placing the person: once the
 * learner's details are recorded, the service enrols them in a cohort with a seat (accepted), on
 * a waitlist (no capacity) or declines with the reason (not eligible, no open cohort).
 */
export function EducationInbox() {
  const { t, language } = useI18n();
  const list = api.useApi<EducationReferral[]>(education('/referrals'));
  const { notice, answered } = useAnswerNotice(list);
  const renderList = (items: EducationReferral[], testId: string) => (
    <ul className="inbox" data-testid={testId}>
      {items.map((referral) => {
        const who = `${t.inbox.person} ${referral.caseId.slice(0, 8)}`;
        return (
          <li
            key={referral.id}
            className="card"
            data-testid="inbox-item"
            data-case-id={referral.caseId}
          >
            <h3 className="item-title">
              {who}{' '}
              <span className={`tag priority-${referral.priority}`}>
                {label(t.priorities, referral.priority)}
              </span>
            </h3>
            <dl className="facts">
              <dt>{t.inbox.status}</dt>
              <dd data-testid="referral-status">
                {referral.status === 'received'
                  ? t.inbox.waitingProfile
                  : label(t.referralStatus, referral.status)}
                {referral.reasonCode
                  ? ` · ${label(t.inbox.educationReasons, referral.reasonCode)}`
                  : ''}
              </dd>
              <dt>{t.inbox.received}</dt>
              <dd>{formatDateTime(referral.receivedAt, language)}</dd>
            </dl>
            {referral.status === 'received' && (
              <LearnerProfile
                referral={referral}
                who={who}
                onSaved={() => answered(t.inbox.learnerSaved)}
              />
            )}
          </li>
        );
      })}
    </ul>
  );
  return (
    <InboxPage
      title={t.inbox.educationTitle}
      intro={t.inbox.intro}
      list={list}
      notice={notice}
      isOpen={(referral) => referral.status === 'received'}
      renderList={renderList}
    />
  );
}

function LearnerProfile(props: { referral: EducationReferral; who: string; onSaved: () => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [dateOfBirth, setDateOfBirth] = useState('');
  const [grade, setGrade] = useState('');
  const [documents, setDocuments] = useState<string[]>([]);
  const [guardianName, setGuardianName] = useState('');
  const [guardianRelationship, setGuardianRelationship] = useState('');
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const prefix = `learner-${props.referral.id.slice(0, 8)}`;
  if (!open)
    return (
      <button
        type="button"
        onClick={() => setOpen(true)}
        aria-label={t.inbox.enterProfile(props.who)}
      >
        {t.inbox.completeDetails}
      </button>
    );
  const fields = [
    'dateOfBirth',
    'lastGradeCompleted',
    'documents',
    'guardian.name',
    'guardian.relationship',
    'guardian',
  ];
  const { byField } = splitFieldErrors(problem, fields);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      await api.apiPut(education(`/learners/${props.referral.caseId}`), {
        dateOfBirth,
        lastGradeCompleted: grade === '' ? undefined : Number(grade),
        documents,
        ...(guardianName || guardianRelationship
          ? { guardian: { name: guardianName, relationship: guardianRelationship } }
          : {}),
      });
      props.onSaved();
    } catch (failure) {
      setProblem(problemOf(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={(e) => void save(e)} className="learner" noValidate>
      <h3>{t.inbox.learnerTitle}</h3>
      <p className="muted">{t.inbox.learnerHelp}</p>
      <ProblemMessage problem={problem} genericTitle={t.genericError} shownFields={fields} />
      <div className="grid">
        <TextField
          idPrefix={prefix}
          name="dateOfBirth"
          type="date"
          label={t.inbox.dateOfBirth}
          value={dateOfBirth}
          onChange={(e) => setDateOfBirth(e.target.value)}
          errors={byField['dateOfBirth']}
          required
        />
        <TextField
          idPrefix={prefix}
          name="lastGradeCompleted"
          type="number"
          min={0}
          max={12}
          label={t.inbox.lastGrade}
          value={grade}
          onChange={(e) => setGrade(e.target.value)}
          errors={byField['lastGradeCompleted']}
          required
        />
        <fieldset className="field">
          <legend>{t.inbox.documents}</legend>
          {DOCUMENTS.map((kind) => (
            <div className="check" key={kind}>
              <input
                type="checkbox"
                id={`${prefix}-doc-${kind}`}
                checked={documents.includes(kind)}
                onChange={(e) =>
                  setDocuments((current) =>
                    e.target.checked ? [...current, kind] : current.filter((k) => k !== kind),
                  )
                }
              />
              <label htmlFor={`${prefix}-doc-${kind}`}>{t.inbox.documentKinds[kind] ?? kind}</label>
            </div>
          ))}
        </fieldset>
        <TextField
          idPrefix={prefix}
          name="guardian.name"
          label={t.inbox.guardianName}
          value={guardianName}
          onChange={(e) => setGuardianName(e.target.value)}
          errors={[...(byField['guardian.name'] ?? []), ...(byField['guardian'] ?? [])]}
        />
        <TextField
          idPrefix={prefix}
          name="guardian.relationship"
          label={t.inbox.guardianRelationship}
          value={guardianRelationship}
          onChange={(e) => setGuardianRelationship(e.target.value)}
          errors={byField['guardian.relationship']}
        />
      </div>
      <FormActions
        submit={t.inbox.saveLearner}
        busy={busy}
        cancel={t.inbox.cancel}
        onCancel={() => setOpen(false)}
      />
      <p className="muted">{t.inbox.declineGap}</p>
    </form>
  );
}
