import { z } from 'zod';
import { activityKindSchema, reasonCodeSchema } from '@reintegra/event-contracts';

export const proposalSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    description: z.string().trim().max(2000).default(''),
    kind: activityKindSchema.optional(),
    proposedBy: z.uuid().optional().describe('The participant who proposes it'),
  })
  .strict();
export type ProposalRequest = z.infer<typeof proposalSchema>;

export const voteSchema = z
  .object({
    voteId: z.uuid().describe('Generated on the device: a replay counts once'),
    participantId: z.uuid(),
  })
  .strict();
export type VoteRequest = z.infer<typeof voteSchema>;

export const decisionSchema = z
  .object({ decision: z.enum(['adopted', 'not-adopted']), reasonCode: reasonCodeSchema.optional() })
  .strict();
export type DecisionRequest = z.infer<typeof decisionSchema>;
