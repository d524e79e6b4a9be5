import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { eventEnvelopeSchema, type EventEnvelope } from './envelope';
import type { EventDefinition } from './event-definition';
import { returneeRegisteredV1 } from './intake/returnee-registered.v1';
import { consentGrantedV1, consentWithdrawnV1 } from './intake/consent.v1';
import {
  assessmentCompletedV1,
  caseClosedV1,
  caseStatusChangedV1,
  closureProposedV1,
  episodeOpenedV1,
  planApprovedV1,
  planSubmittedV1,
  returneesMergedV1,
  scoreComputedV1,
} from './intake/case-lifecycle.v1';
import { caseTransferredV1 } from './intake/case-transferred.v1';
import { referralRequestedV1, referralRevokedV1 } from './referrals/referral-requested.v1';
import { referralStatusChangedV1 } from './referrals/referral-status-changed.v1';
import {
  followUpDueV1,
  pathPhaseChangedV1,
  referralEscalatedV1,
  referralProposedV1,
  referralRoutedV1,
} from './path/path-events.v1';
import {
  victimSupportReferralRequestedV1,
  victimSupportStatusChangedV1,
} from './victim-support/victim-support-referral.v1';
import { attendanceAtRiskV1 } from './education/attendance-at-risk.v1';
import { cohortCapacityChangedV1 } from './education/cohort-capacity-changed.v1';
import { enrolmentStatusChangedV1 } from './education/enrolment-status-changed.v1';
import { placementStatusChangedV1 } from './employment/placement-status-changed.v1';
import { retentionCheckedV1 } from './employment/retention-checked.v1';
import { projectStatusChangedV1 } from './employment/project-status-changed.v1';
import { trainingStatusChangedV1 } from './employment/training-status-changed.v1';
import { vacancyCapacityChangedV1 } from './employment/vacancy-capacity-changed.v1';
import { activityChangedV1 } from './community/activity-changed.v1';
import { participationMilestoneV1 } from './community/participation-milestone.v1';
import { directoryServiceChangedV1 } from './directory/directory-events.v1';

/** Every event type the platform publishes. Only additive changes within a version. */
export const eventCatalogue: readonly EventDefinition[] = [
  returneeRegisteredV1,
  episodeOpenedV1,
  returneesMergedV1,
  assessmentCompletedV1,
  scoreComputedV1,
  planSubmittedV1,
  planApprovedV1,
  caseStatusChangedV1,
  closureProposedV1,
  caseClosedV1,
  caseTransferredV1,
  consentGrantedV1,
  consentWithdrawnV1,
  referralRequestedV1,
  referralRevokedV1,
  referralStatusChangedV1,
  cohortCapacityChangedV1,
  enrolmentStatusChangedV1,
  attendanceAtRiskV1,
  vacancyCapacityChangedV1,
  placementStatusChangedV1,
  retentionCheckedV1,
  trainingStatusChangedV1,
  projectStatusChangedV1,
  victimSupportReferralRequestedV1,
  victimSupportStatusChangedV1,
  directoryServiceChangedV1,
  pathPhaseChangedV1,
  referralEscalatedV1,
  referralRoutedV1,
  followUpDueV1,
  referralProposedV1,
  activityChangedV1,
  participationMilestoneV1,
];

const byType = new Map(eventCatalogue.map((definition) => [definition.type, definition]));

export type ParsedEvent =
  | { ok: true; event: EventEnvelope; definition: EventDefinition }
  | {
      ok: false;
      reason: 'malformed-json' | 'invalid-envelope' | 'unknown-type' | 'invalid-data';
      detail: string;
    };

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
    .join('; ');
}

/** Parses a raw message value against the envelope and the contract of its event type. */
export function parseEvent(raw: string | Buffer | null | undefined): ParsedEvent {
  let json: unknown;
  try {
    json = JSON.parse(raw === null || raw === undefined ? '' : raw.toString());
  } catch (error) {
    return { ok: false, reason: 'malformed-json', detail: (error as Error).message };
  }
  const envelope = eventEnvelopeSchema.safeParse(json);
  if (!envelope.success) {
    return { ok: false, reason: 'invalid-envelope', detail: describeIssues(envelope.error) };
  }
  const definition = byType.get(envelope.data.type);
  if (!definition) {
    return {
      ok: false,
      reason: 'unknown-type',
      detail: `Unknown event type ${envelope.data.type}`,
    };
  }
  const data = definition.data.safeParse(envelope.data.data);
  if (!data.success) {
    return { ok: false, reason: 'invalid-data', detail: describeIssues(data.error) };
  }
  return { ok: true, event: { ...envelope.data, data: data.data }, definition };
}

export interface NewEventInput<TData> {
  subject: string;
  source: string;
  actor: string;
  correlationId: string;
  causationId?: string;
  time?: Date;
  data: TData;
}

/** Builds a validated envelope; throws if the data breaks the contract (a programming error). */
export function createEvent<TSchema extends z.ZodType>(
  definition: EventDefinition<TSchema>,
  input: NewEventInput<z.input<TSchema>>,
): EventEnvelope<z.output<TSchema>> {
  const event = {
    specversion: '1.0' as const,
    id: randomUUID(),
    source: input.source,
    type: definition.type,
    subject: input.subject,
    time: (input.time ?? new Date()).toISOString(),
    datacontenttype: 'application/json' as const,
    correlationid: input.correlationId,
    ...(input.causationId ? { causationid: input.causationId } : {}),
    actor: input.actor,
    data: definition.data.parse(input.data),
  };
  eventEnvelopeSchema.parse(event);
  return event;
}
