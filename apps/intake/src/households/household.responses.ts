import { z } from 'zod';
import { relationshipSchema } from './relationships';

export const householdMemberSchema = z.object({
  id: z.uuid().describe('Member id (use as relativeMemberId or a guardian)'),
  kind: z.enum(['returnee', 'family-member']),
  firstNames: z.string(),
  lastNames: z.string(),
  dateOfBirth: z.iso.date(),
  returneeId: z.uuid().nullable(),
  caseId: z.uuid().nullable().describe("The returnee's latest case, when the caller may open it"),
  thisCase: z.boolean().describe('The person of the case asked for'),
});

export const householdSchema = z.object({
  caseId: z.uuid(),
  householdId: z.uuid().nullable().describe('null: the person has no household yet'),
  members: z.array(householdMemberSchema),
  links: z
    .array(
      z.object({
        memberId: z.uuid(),
        relativeId: z.uuid(),
        relationship: relationshipSchema.describe('What the relative is to the member'),
      }),
    )
    .describe('Each link appears both ways'),
});
export type HouseholdView = z.infer<typeof householdSchema>;
export type HouseholdMemberView = z.infer<typeof householdMemberSchema>;
