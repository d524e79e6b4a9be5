/** What the education screens share about a group's people. */
export interface Enrolment {
  id: string;
  caseId: string;
  status: string;
  waitlistPosition: number | null;
  consecutiveAbsences?: number;
}

/** Who the office calls a person here: the case's short code (education holds no names). */
export const personOf = (label: string, enrolment: Pick<Enrolment, 'caseId'>) =>
  `${label} ${enrolment.caseId.slice(0, 8)}`;
