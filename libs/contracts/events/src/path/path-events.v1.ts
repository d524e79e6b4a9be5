import { CASE_PHASES } from '@reintegra/vocabulary';
import { z } from 'zod';
import { defineEvent } from '../event-definition';
import {
  reasonCodeSchema,
  referralPrioritySchema,
  referralServiceSchema,
} from '../referrals/referral-vocabulary';
import { dateTimeSchema, unitScoreSchema } from '../shared/fields';
import { TOPICS } from '../topics';
import { routingReasonSchema } from '../directory/directory-vocabulary';

/**
 * Transitions of a reintegration path, published by the orchestrator through its outbox (topic
 * reintegra.path.events, key = case id). Ids, codes and dates only: never personal data.
 */
export const pathPhaseSchema = z.enum(CASE_PHASES).describe('Phase of the reintegration path');

export const pathPhaseChangedV1 = defineEvent({
  type: 'sv.reintegra.path.phase-changed.v1',
  topic: TOPICS.pathEvents,
  description: 'Fase del itinerario cambiada / Reintegration path phase changed',
  data: z.object({
    caseId: z.uuid(),
    from: pathPhaseSchema,
    to: pathPhaseSchema,
    reasonCode: reasonCodeSchema.optional().describe('Closure reason when `to` is closed'),
    occurredAt: dateTimeSchema,
  }),
});
export type PathPhaseChangedV1 = z.infer<typeof pathPhaseChangedV1.data>;

/** Which referral of which case, for what service and priority: what routing events start with. */
const routedReferralFields = {
  referralId: z.uuid(),
  caseId: z.uuid(),
  service: referralServiceSchema,
  priority: referralPrioritySchema,
};

/** An acknowledgement deadline passed: the supervisor is alerted, then the referral re-routes. */
export const referralEscalatedV1 = defineEvent({
  type: 'sv.reintegra.path.referral-escalated.v1',
  topic: TOPICS.pathEvents,
  description:
    'Plazo de acuse vencido: remisión escalada a supervisión / Acknowledgement deadline missed: referral escalated to the supervisor',
  data: z.object({
    ...routedReferralFields,
    providerIds: z.array(z.string().min(1).max(100)).min(1).describe('Providers that missed it'),
    acknowledgeBy: dateTimeSchema,
    escalatedAt: dateTimeSchema,
    escalation: z.int().min(1).describe('1 for the first missed deadline of this referral, …'),
  }),
});
export type ReferralEscalatedV1 = z.infer<typeof referralEscalatedV1.data>;

/** The orchestrator asks, re-routes to, or withdraws a referral from a provider. */
export const referralRoutedV1 = defineEvent({
  type: 'sv.reintegra.path.referral-routed.v1',
  topic: TOPICS.pathEvents,
  description:
    'Remisión enviada, reencaminada o retirada de un proveedor / Referral sent to, re-routed to or withdrawn from a provider',
  data: z.object({
    ...routedReferralFields,
    providerId: z.string().min(1).max(100),
    action: z.enum(['asked', 'rerouted', 'withdrawn']),
    acknowledgeBy: dateTimeSchema.optional(),
    reasonCode: reasonCodeSchema.optional(),
    routing: routingReasonSchema
      .optional()
      .describe('Why the service directory chose this provider (re-routing beyond the list)'),
    occurredAt: dateTimeSchema,
  }),
});
export type ReferralRoutedV1 = z.infer<typeof referralRoutedV1.data>;

/** A follow-up wave is due: sustainability re-assessment and a reminder to the officer. */
export const followUpDueV1 = defineEvent({
  type: 'sv.reintegra.path.follow-up-due.v1',
  topic: TOPICS.pathEvents,
  description:
    'Seguimiento pendiente: reevaluación de sostenibilidad / Follow-up due: sustainability re-assessment',
  data: z.object({
    caseId: z.uuid(),
    wave: z.int().min(1),
    dueAt: dateTimeSchema,
    assignedOfficer: z.string().min(1).max(200).optional().describe('Pseudonymous officer id'),
  }),
});
export type FollowUpDueV1 = z.infer<typeof followUpDueV1.data>;

/** A follow-up score dropped in a dimension: a new referral is proposed to the officer. */
export const referralProposedV1 = defineEvent({
  type: 'sv.reintegra.path.referral-proposed.v1',
  topic: TOPICS.pathEvents,
  description:
    'Nueva remisión propuesta por caída en una dimensión / New referral proposed after a dimension dropped',
  data: z.object({
    caseId: z.uuid(),
    dimension: z.enum(['economic', 'social', 'psychosocial']),
    previousScore: unitScoreSchema,
    score: unitScoreSchema,
    wave: z.int().min(1),
    proposedAt: dateTimeSchema,
    service: referralServiceSchema
      .optional()
      .describe(
        'The service proposed for the dimension that dropped: economic → employment, social → community inclusion, psychosocial → psychosocial care',
      ),
  }),
});
export type ReferralProposedV1 = z.infer<typeof referralProposedV1.data>;
