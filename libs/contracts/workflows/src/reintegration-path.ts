import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';
import { defineQuery, defineSignal } from '@temporalio/workflow';
import { z } from 'zod';

/**
 * The contract of the reintegration path workflow, shared by the orchestrator (which runs it) and
 * by services that start, signal or query it. Workflow code itself lives in the orchestrator.
 */
export const REINTEGRATION_PATH_WORKFLOW_TYPE = 'reintegrationPath';

/** One path per case: the workflow id is derived from the case id, so starts are idempotent. */
export function reintegrationPathWorkflowId(caseId: string): string {
  return `reintegration-path/${caseId}`;
}

export const CASE_PHASES = [
  'intake',
  'assessed',
  'plan-approved',
  'in-services',
  'follow-up',
  'closed',
] as const;
export type CasePhase = (typeof CASE_PHASES)[number];

export const reintegrationPathInputSchema = z.object({
  caseId: z.uuid(),
  municipalityCode: z.string().min(1),
  minor: z.boolean(),
  openedAt: z.iso.datetime({ offset: true }),
  openedByEventId: z.uuid(),
});
export type ReintegrationPathInput = z.infer<typeof reintegrationPathInputSchema>;

/** A case event forwarded from Kafka by the orchestrator bridge: ids and type only. */
export const caseEventSignalSchema = z.object({
  eventId: z.uuid(),
  type: z.string().min(1),
  occurredAt: z.iso.datetime({ offset: true }),
});
export type CaseEventSignal = z.infer<typeof caseEventSignalSchema>;

export interface PathHistoryEntry {
  readonly at: string;
  readonly eventType: string;
  readonly phase: CasePhase;
}

/** What `GET /returnees/:id/path` and the supervisor views show. Compact: ids, no documents. */
export interface PathState {
  readonly caseId: string;
  readonly municipalityCode: string;
  readonly minor: boolean;
  readonly phase: CasePhase;
  readonly openedAt: string;
  readonly history: readonly PathHistoryEntry[];
}

export const pathStateQuery = defineQuery<PathState>('pathState');
export const caseEventSignal = defineSignal<[CaseEventSignal]>('caseEvent');

/** Search attributes registered on the Temporal namespace (see infra/temporal). */
export const pathSearchAttributes = {
  municipality: defineSearchAttributeKey('Municipality', SearchAttributeType.KEYWORD),
  casePhase: defineSearchAttributeKey('CasePhase', SearchAttributeType.KEYWORD),
  riskLevel: defineSearchAttributeKey('RiskLevel', SearchAttributeType.KEYWORD),
  overdueReferrals: defineSearchAttributeKey('OverdueReferrals', SearchAttributeType.INT),
  nextFollowUpAt: defineSearchAttributeKey('NextFollowUpAt', SearchAttributeType.DATETIME),
  assignedOfficer: defineSearchAttributeKey('AssignedOfficer', SearchAttributeType.KEYWORD),
} as const;
