import {
  CLOSURE_REASONS,
  REFERRAL_PRIORITIES,
  REFERRAL_SERVICES,
  type ReferralService,
  SCORE_DIMENSIONS,
  type ScoreDimension,
} from '@reintegra/vocabulary';

/** What intake answers for a case, as the workspace reads it. */
export interface Referral {
  id: string;
  service: string;
  priority: string;
  providerIds: string[];
  status: string;
  statusChangedAt: string;
  statusReason: string | null;
  acceptedBy: string | null;
  acknowledgeBy: string;
  requestedAt: string;
}

export interface CaseView {
  caseId: string;
  returneeId: string;
  status: string;
  episode: {
    episodeNumber: number;
    returnDate: string;
    countryReturnedFrom: string;
    receptionPoint: string;
    municipalityCode: string;
    districtCode: string | null;
    minor: boolean;
    registeredAt: string;
  };
  plan: { status: string; version: number; goalDimensions: string[] } | null;
  referrals: Referral[];
  closureProposal: { reason: string; proposedAt: string } | null;
}

export interface Person {
  id: string;
  dui: string | null;
  firstNames: string;
  lastNames: string;
  dateOfBirth: string;
  gender: string;
  contact?: { phone: string | null; email: string | null };
  episodes: {
    caseId: string;
    episodeNumber: number;
    returnDate: string;
    countryReturnedFrom: string;
    municipalityCode: string;
    districtCode: string | null;
    status: string;
    links?: { case: string };
  }[];
}

export interface Consent {
  id: string;
  purpose: string;
  scope: string | null;
  formVersion: string;
  grantedAt: string;
  withdrawnAt: string | null;
  active: boolean;
}

export interface OpenReferral {
  referralId: string;
  service: string;
  status: string;
  acknowledgeBy?: string;
  overdue: boolean;
  escalations: number;
}

export interface PathView {
  caseId: string;
  path: {
    phase: string;
    openedAt: string;
    history: { at: string; eventType: string; phase: string }[];
  };
  openReferrals: OpenReferral[];
  nextFollowUp: { wave: number; dueAt: string } | null;
}

export { SCORE_DIMENSIONS as DIMENSIONS };
export type Dimension = ScoreDimension;

export interface Goal {
  description: string;
  targetDate?: string;
}

export interface ProposedReferral {
  service: string;
  priority: string;
  providerIds: string[];
  reasonCode: string;
}

export interface Plan {
  id: string;
  status: 'draft' | 'submitted' | 'approved';
  version: number;
  goals: Partial<Record<Dimension, Goal[]>>;
  proposedReferrals: ProposedReferral[];
  submittedAt: string | null;
  approvedAt: string | null;
  lastRejection: { reasonCode: string | null; rejectedAt: string } | null;
  referralOutcomes:
    | { service: string; priority: string; opened: boolean; referralId?: string }[]
    | null;
}

export interface Score {
  id: string;
  scoringVersion: string;
  purpose: string;
  wave: number | null;
  scores: Partial<Record<Dimension | 'composite', number>> & { incompleteDimensions: string[] };
  indicators: Record<string, number>;
  answeredShare: Record<string, number>;
  riskLevel: string;
  computedAt: string;
}

export interface AssessmentSummary {
  id: string;
  questionnaireVersion: string;
  wave: number | null;
  completedAt: string;
  screening: { completed: boolean; suggestsVictimSupport: boolean };
}

/** Referral statuses still in play: a consent withdrawal stops these. */
export const OPEN_REFERRAL_STATUSES = [
  'requested',
  'sent',
  'received',
  'accepted',
  'no-capacity',
  'in-progress',
];

/** The open referrals a withdrawal stops: those resting on a service-referral consent's service. */
export function referralsStoppedBy(consent: Consent, referrals: readonly Referral[]): Referral[] {
  if (consent.purpose !== 'service-referral' || !consent.scope) return [];
  return referrals.filter(
    (r) => r.service === consent.scope && OPEN_REFERRAL_STATUSES.includes(r.status),
  );
}

/**
 * Services the office refers to through the plan: not victim support (its own confidential
 * channel) nor child protection (no ordinary referral route until its channel exists).
 */
const NOT_PLANNED: readonly ReferralService[] = ['victim-support', 'child-protection'];
export const PLAN_SERVICES = REFERRAL_SERVICES.filter((service) => !NOT_PLANNED.includes(service));
export { CLOSURE_REASONS, REFERRAL_PRIORITIES as PRIORITIES };
// Reasons the office offers for a plan item; intake takes any reason code, so these are a
// suggestion list of the office's own, not a copy of a service's list.
export const PLAN_REASONS = [
  'seeks-employment',
  'seeks-training',
  'seeks-education',
  'needs-documents',
  'needs-health-care',
  'needs-housing',
  'needs-psychosocial-support',
  'community-ties',
];
