import { formatDate, label, ProblemMessage } from '@reintegra/ui-web';
import { api, intake } from '../../api';
import { useI18n } from '../../i18n';

interface Household {
  householdId: string | null;
  members: {
    id: string;
    kind: 'returnee' | 'family-member';
    firstNames: string;
    lastNames: string;
    dateOfBirth: string;
    caseId: string | null;
    thisCase: boolean;
  }[];
  links: { memberId: string; relativeId: string; relationship: string }[];
}

interface Guardian {
  firstNames: string;
  lastNames: string;
  capacity: string;
  phone: string | null;
}

/** The person's household (each relative with what they are to the person) and, for a minor, the guardian. */
export function HouseholdSection(props: { caseId: string; minor: boolean }) {
  const { t, language } = useI18n();
  const text = t.household;
  const household = api.useApi<Household>(intake(`/cases/${props.caseId}/household`));
  const guardian = api.useApi<Guardian>(
    props.minor ? intake(`/cases/${props.caseId}/guardian`) : null,
  );
  const members = household.data?.members ?? [];
  const self = members.find((member) => member.thisCase);
  const relationshipOf = (relativeId: string) =>
    household.data?.links.find((l) => l.memberId === self?.id && l.relativeId === relativeId)
      ?.relationship ?? 'other';
  const relatives = members.filter((member) => !member.thisCase);
  return (
    <section aria-labelledby="household-title">
      <h2 id="household-title">{text.title}</h2>
      <ProblemMessage problem={household.error} genericTitle={t.genericError} />
      {household.data && relatives.length === 0 && <p>{text.none}</p>}
      {relatives.length > 0 && (
        <ul className="plain" data-testid="household">
          {relatives.map((member) => (
            <li key={member.id} data-testid="household-member">
              <strong>
                {member.firstNames} {member.lastNames}
              </strong>{' '}
              · {label(text.relationships, relationshipOf(member.id))} ·{' '}
              {formatDate(member.dateOfBirth, language)}{' '}
              <span className="tag">
                {member.kind === 'returnee' ? text.returnee : text.familyMember}
              </span>
              {member.caseId && (
                <>
                  {' '}
                  ·{' '}
                  <a
                    href={`#/cases/${member.caseId}`}
                    aria-label={`${text.openCase}: ${member.firstNames} ${member.lastNames}`}
                  >
                    {text.openCase}
                  </a>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {props.minor && (
        <>
          <h3>{text.guardian}</h3>
          {guardian.data ? (
            <p data-testid="guardian">
              {guardian.data.firstNames} {guardian.data.lastNames} ·{' '}
              {label(text.capacities, guardian.data.capacity)}
              {guardian.data.phone ? ` · ${guardian.data.phone}` : ''}
            </p>
          ) : (
            guardian.error?.status === 404 && (
              <p className="warning" data-testid="no-guardian">
                {text.noGuardian}
              </p>
            )
          )}
        </>
      )}
    </section>
  );
}
