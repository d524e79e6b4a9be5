import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import {
  ACKNOWLEDGEMENT_HOURS,
  CASE_PHASES,
  type CasePhase,
  CLOSURE_REASONS,
  type ClosureReason,
  REFERRAL_PRIORITIES,
  REFERRAL_SERVICES,
  REFERRAL_STATUSES,
  type ReferralPriority,
  RISK_LEVELS,
  type RiskLevel,
  SCORE_DIMENSIONS,
  type ScoreDimension,
} from '@reintegra/vocabulary';
import { z } from 'zod';

/**
 * The contract of the reintegration path workflow, shared by the orchestrator (which runs it) and
 * by services that start, signal or query it. Workflow code itself lives in the orchestrator.
 * Nothing here may import Node built-ins: workflow code bundles this file.
 */
export const REINTEGRATION_PATH_WORKFLOW_TYPE = 'reintegrationPath';
export const REFERRAL_WORKFLOW_TYPE = 'referralWorkflow';

/** One path per case: the workflow id is derived from the case id, so starts are idempotent. */
export function reintegrationPathWorkflowId(caseId: string): string {
  return `reintegration-path/${caseId}`;
}

/** One child workflow per referral, addressable by the bridge from the referral id alone. */
export function referralWorkflowId(referralId: string): string {
  return `referral/${referralId}`;
}

// The code lists come from @reintegra/vocabulary, the source the event contracts build their
// enums from (workflow code cannot import the event library: its index pulls in node:crypto).
export {
  CASE_PHASES,
  CLOSURE_REASONS,
  REFERRAL_PRIORITIES,
  REFERRAL_SERVICES,
  REFERRAL_STATUSES,
  RISK_LEVELS,
  SCORE_DIMENSIONS as DIMENSIONS,
};
export type { CasePhase, ClosureReason, RiskLevel };
export type PathReferralPriority = ReferralPriority;
export type Dimension = ScoreDimension;
/** The default deadlines are the inter-agency ones (emergency 24 h, urgent 72 h, normal 14 d). */
export const DEFAULT_ACKNOWLEDGEMENT_HOURS: Record<PathReferralPriority, number> = {
  ...ACKNOWLEDGEMENT_HOURS,
};

const id = z.string().min(1).max(200);
const isoDateTime = z.iso.datetime({ offset: true });
const scores = z.partialRecord(z.enum(SCORE_DIMENSIONS), z.number().min(0).max(1));

/** Tunables of a path; every field has a default (DEFAULT_PATH_CONFIG). */
export const pathConfigSchema = z.object({
  acknowledgementHours: z.object({
    emergency: z.number().positive(),
    urgent: z.number().positive(),
    normal: z.number().positive(),
  }),
  /** Follow-up waves, in days after the plan's approval (about 3, 6 and 12 months). */
  followUpDays: z.array(z.number().positive()).min(1).max(12),
  /** A follow-up score this much below the assessment's baseline proposes a new referral. */
  dimensionDropThreshold: z.number().min(0).max(1),
  /** Continue-as-new once the history has this many events (Temporal also suggests it). */
  maxHistoryEvents: z.int().min(20),
});
export type PathConfig = z.infer<typeof pathConfigSchema>;

export const DEFAULT_PATH_CONFIG: PathConfig = {
  acknowledgementHours: DEFAULT_ACKNOWLEDGEMENT_HOURS,
  followUpDays: [91, 182, 365],
  dimensionDropThreshold: 0.15,
  maxHistoryEvents: 2_000,
};

export interface PathHistoryEntry {
  readonly at: string;
  readonly eventType: string;
  readonly phase: CasePhase;
}

export interface OpenReferral {
  readonly referralId: string;
  readonly service: string;
  readonly priority: PathReferralPriority;
  readonly status: string;
  readonly providerIds: readonly string[];
  readonly acknowledgeBy?: string;
  readonly overdue: boolean;
  readonly escalations: number;
}

/**
 * What the path carries across continue-as-new: ids, codes and dates, never documents. Seen event
 * ids travel with it so a redelivery after continue-as-new still has no effect.
 */
export interface PathSnapshot {
  readonly phase: CasePhase;
  readonly paused: boolean;
  readonly riskLevel?: RiskLevel;
  readonly assignedOfficer?: string;
  readonly planApprovedAt?: string;
  readonly wavesDone: number;
  readonly baseline: Partial<Record<Dimension, number>>;
  readonly referrals: readonly OpenReferral[];
  readonly closedReferrals: number;
  readonly closure?: {
    readonly reason: ClosureReason;
    readonly approvedBy: string;
    readonly at: string;
  };
  readonly seenEventIds: readonly string[];
  readonly history: readonly PathHistoryEntry[];
  /** History entries dropped from `history` to keep the state compact. */
  readonly historyDropped: number;
  readonly runs: number;
}

export const reintegrationPathInputSchema = z.object({
  caseId: z.uuid(),
  municipalityCode: z.string().min(1),
  minor: z.boolean(),
  openedAt: isoDateTime,
  openedByEventId: z.uuid(),
});
export type ReintegrationPathInput = z.infer<typeof reintegrationPathInputSchema> & {
  /** Overrides of DEFAULT_PATH_CONFIG (tests shorten deadlines and waves with it). */
  readonly config?: Partial<PathConfig>;
  /** Set by continue-as-new only. */
  readonly carried?: PathSnapshot;
};

/** A case event forwarded from Kafka by the orchestrator bridge: ids and type only. */
export const caseEventSignalSchema = z.object({
  eventId: z.uuid(),
  type: z.string().min(1),
  occurredAt: isoDateTime,
});
export type CaseEventSignal = z.infer<typeof caseEventSignalSchema>;

/**
 * Facts that move the path's phase, mapped by the bridge from the events services publish
 * (assessment completed, plan approved, follow-up survey scored, …). `eventId` is the source
 * event's id: a repeated one is accepted and has no second effect.
 */
export const pathEventSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('assessment-completed'),
    eventId: z.uuid(),
    occurredAt: isoDateTime,
    riskLevel: z.enum(RISK_LEVELS),
    scores,
  }),
  z.object({
    kind: z.literal('plan-approved'),
    eventId: z.uuid(),
    occurredAt: isoDateTime,
    assignedOfficer: id.optional(),
  }),
  z.object({
    kind: z.literal('follow-up-scored'),
    eventId: z.uuid(),
    occurredAt: isoDateTime,
    wave: z.int().min(1),
    scores,
  }),
  z.object({
    kind: z.literal('risk-changed'),
    eventId: z.uuid(),
    occurredAt: isoDateTime,
    riskLevel: z.enum(RISK_LEVELS),
  }),
]);
export type PathEvent = z.infer<typeof pathEventSchema>;

/** From referral.requested: the path starts one child workflow for it. */
export const requestReferralSchema = z.object({
  eventId: z.uuid(),
  referralId: z.uuid(),
  service: z.enum(REFERRAL_SERVICES),
  priority: z.enum(REFERRAL_PRIORITIES),
  /** Routing order; the first `askInParallel` are asked at once (a bundle), the rest re-route. */
  providerIds: z.array(z.string().min(1).max(100)).min(1).max(10),
  askInParallel: z.int().min(1).max(10).optional(),
  requestedAt: isoDateTime,
  /** The consent the referral rests on: one withdrawn before the request arrived ends it at once. */
  consentId: z.uuid().optional(),
  /**
   * Facts the service directory needs to re-route (age, sex for women-only services, district);
   * passed to the routing activity, never stored by the directory. Same shape as event-contracts'
   * eligibilityFactsSchema.
   */
  eligibility: z
    .object({
      ageYears: z.int().min(0).max(130).optional(),
      sex: z.enum(['female', 'male']).optional(),
      districtCode: z.string().min(1).max(100).optional(),
    })
    .strict()
    .optional(),
});
export type RequestReferral = z.infer<typeof requestReferralSchema>;

export const approveClosureSchema = z.object({
  /** The source event (intake's case.closed), when the closure arrives through the bridge. */
  eventId: z.uuid().optional(),
  supervisorId: id,
  reason: z.enum(CLOSURE_REASONS),
});
export type ApproveClosure = z.infer<typeof approveClosureSchema>;

export const reassignOfficerSchema = z.object({ supervisorId: id, officerId: id });
export type ReassignOfficer = z.infer<typeof reassignOfficerSchema>;

export const pauseSchema = z.object({ supervisorId: id, paused: z.boolean(), reasonCode: id });
export type PausePath = z.infer<typeof pauseSchema>;

/**
 * From intake's case.transferred: the case moved to another municipality's office. The path goes
 * on where it stands (phase, referrals and their deadlines); its `Municipality` attribute moves.
 */
export const transferMunicipalitySchema = z.object({
  eventId: z.uuid(),
  transferId: z.uuid(),
  municipalityCode: z.string().regex(/^SV-[A-Z]{2}-[A-Z0-9-]+$/),
});
export type TransferMunicipality = z.infer<typeof transferMunicipalitySchema>;

/** What `GET /returnees/:id/path` and the supervisor views show. Compact: ids, no documents. */
export interface PathState {
  readonly caseId: string;
  readonly municipalityCode: string;
  readonly minor: boolean;
  readonly phase: CasePhase;
  readonly openedAt: string;
  readonly history: readonly PathHistoryEntry[];
  readonly paused?: boolean;
  readonly riskLevel?: RiskLevel;
  readonly assignedOfficer?: string;
  readonly overdueReferrals?: number;
  readonly nextFollowUpAt?: string;
  readonly closure?: PathSnapshot['closure'];
}

export interface NextFollowUp {
  readonly wave: number;
  readonly dueAt: string;
}

export interface HistorySummary {
  readonly phase: CasePhase;
  readonly entries: number;
  readonly byEventType: Readonly<Record<string, number>>;
  readonly recent: readonly PathHistoryEntry[];
  readonly runs: number;
}

export const pathStateQuery = defineQuery<PathState>('pathState');
export const openReferralsQuery = defineQuery<readonly OpenReferral[]>('openReferrals');
export const nextFollowUpQuery = defineQuery<NextFollowUp | null>('nextFollowUp');
export const historySummaryQuery = defineQuery<HistorySummary>('historySummary');
export const caseEventSignal = defineSignal<[CaseEventSignal]>('caseEvent');
/** Phase facts; the validator rejects bad payloads and illegal transitions (→ bridge DLQ). */
export const pathEventUpdate = defineUpdate<PathState, [PathEvent]>('pathEvent');
export const requestReferralUpdate = defineUpdate<OpenReferral, [RequestReferral]>(
  'requestReferral',
);
export const approveClosureUpdate = defineUpdate<PathState, [ApproveClosure]>('approveClosure');
export const reassignOfficerUpdate = defineUpdate<PathState, [ReassignOfficer]>('reassignOfficer');
export const setPausedUpdate = defineUpdate<PathState, [PausePath]>('setPaused');
export const transferMunicipalityUpdate = defineUpdate<PathState, [TransferMunicipality]>(
  'transferMunicipality',
);

// ---- Referral child workflow ----

/** Statuses beyond `sent` that the orchestrator itself reports (routing outcomes). */
export type ReferralWorkflowStatus = (typeof REFERRAL_STATUSES)[number] | 'unrouted';

export interface ReferralWorkflowInput {
  readonly caseId: string;
  readonly municipalityCode: string;
  readonly pathWorkflowId: string;
  readonly request: RequestReferral;
  readonly acknowledgementHours: number;
}

/** From referral.status-changed / referral.revoked (bridge → child workflow). */
export const referralStatusUpdateSchema = z.object({
  eventId: z.uuid(),
  providerId: z.string().min(1).max(100).optional(),
  status: z.enum(REFERRAL_STATUSES),
  reasonCode: z.string().min(1).max(64).optional(),
  occurredAt: isoDateTime,
});
export type ReferralStatusReport = z.infer<typeof referralStatusUpdateSchema>;

/** Child → path: where the referral stands (sent with the deadline, overdue, accepted, closed). */
export interface ReferralProgress {
  readonly referralId: string;
  readonly status: ReferralWorkflowStatus;
  readonly providerIds: readonly string[];
  readonly acknowledgeBy?: string;
  readonly overdue: boolean;
  readonly escalations: number;
  readonly at: string;
}

export const referralStatusUpdate = defineUpdate<ReferralProgress, [ReferralStatusReport]>(
  'referralStatus',
);
export const referralProgressSignal = defineSignal<[ReferralProgress]>('referralProgress');
export const referralProgressQuery = defineQuery<ReferralProgress>('referralProgress');

/** Search attributes registered on the Temporal namespace (see infra/temporal). */
export const pathSearchAttributes = {
  municipality: defineSearchAttributeKey('Municipality', SearchAttributeType.KEYWORD),
  casePhase: defineSearchAttributeKey('CasePhase', SearchAttributeType.KEYWORD),
  riskLevel: defineSearchAttributeKey('RiskLevel', SearchAttributeType.KEYWORD),
  overdueReferrals: defineSearchAttributeKey('OverdueReferrals', SearchAttributeType.INT),
  nextFollowUpAt: defineSearchAttributeKey('NextFollowUpAt', SearchAttributeType.DATETIME),
  assignedOfficer: defineSearchAttributeKey('AssignedOfficer', SearchAttributeType.KEYWORD),
} as const;
