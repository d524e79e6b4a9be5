import { type FormEvent, useState } from 'react';
import {
  FormActions,
  label,
  ProblemMessage,
  splitFieldErrors,
  TextField,
  useFormProblem,
} from '@reintegra/ui-web';
import { LEARNER_DOCUMENT_KINDS } from '@reintegra/vocabulary';
import { api, education } from '../api';
import { useI18n } from '../i18n';
import { InboxItem } from './inbox/inbox-item';
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

/**
 * The education office's referral queue. Education answers by placing the person: once the
 * learner's details are recorded, the service enrols them in a cohort with a seat (accepted), on
 * a waitlist (no capacity) or declines with the reason (not eligible, no open cohort).
 */
export function EducationInbox() {
  const { t } = useI18n();
  const list = api.useApi<EducationReferral[]>(education('/referrals'));
  const { notice, answered } = useAnswerNotice(list);
  const renderItem = (referral: EducationReferral) => {
    const who = `${t.inbox.person} ${referral.caseId.slice(0, 8)}`;
    return (
      <InboxItem
        key={referral.id}
        referral={referral}
        title={who}
        status={
          (referral.status === 'received'
            ? t.inbox.waitingProfile
            : label(t.referralStatus, referral.status)) +
          (referral.reasonCode ? ` · ${label(t.inbox.educationReasons, referral.reasonCode)}` : '')
        }
      >
        {referral.status === 'received' && (
          <LearnerProfile
            referral={referral}
            who={who}
            onSaved={() => answered(t.inbox.learnerSaved)}
          />
        )}
      </InboxItem>
    );
  };
  return (
    <InboxPage
      title={t.inbox.educationTitle}
      intro={t.inbox.intro}
      list={list}
      notice={notice}
      isOpen={(referral) => referral.status === 'received'}
      renderItem={renderItem}
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
  // The shared save: busy while it runs, the problem kept (its formRef stays unused, so focus
  // stays where it was, as before).
  const { problem, setProblem, busy, submit } = useFormProblem();
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
    setProblem(undefined);
    await submit(async () => {
      await api.apiPut(education(`/learners/${props.referral.caseId}`), {
        dateOfBirth,
        lastGradeCompleted: grade === '' ? undefined : Number(grade),
        documents,
        ...(guardianName || guardianRelationship
          ? { guardian: { name: guardianName, relationship: guardianRelationship } }
          : {}),
      });
      props.onSaved();
    });
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
          {LEARNER_DOCUMENT_KINDS.map((kind) => (
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
