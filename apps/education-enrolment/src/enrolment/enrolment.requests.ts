import { z } from 'zod';
import { reasonCodeSchema } from '@reintegra/event-contracts';

export const requestEnrolmentSchema = z
  .object({
    caseId: z.uuid().describe('Case (expediente) of the person; the learner profile must exist'),
    referralId: z.uuid().optional().describe('The referral this enrolment answers, if any'),
  })
  .strict();
export type RequestEnrolmentRequest = z.infer<typeof requestEnrolmentSchema>;

export const dropEnrolmentSchema = z
  .object({
    reasonCode: reasonCodeSchema.describe('e.g. moved-away, found-work, no-show, re-migrated'),
  })
  .strict();
export type DropEnrolmentRequest = z.infer<typeof dropEnrolmentSchema>;
