import { z } from 'zod';
import { bilingual, pastDateSchema } from '@reintegra/platform-http';
import { relationshipSchema } from './relationships';

/** A relative who did not return (or is not registered): only what the office needs to know them. */
export const addFamilyMemberSchema = z
  .object({
    firstNames: z.string().trim().min(1).max(100).describe('Nombres / first names'),
    lastNames: z.string().trim().min(1).max(100).describe('Apellidos / last names'),
    dateOfBirth: pastDateSchema.describe('Fecha de nacimiento / date of birth (YYYY-MM-DD)'),
    relationship: relationshipSchema.describe(
      "What the new member is to the case's person (child: the person's child)",
    ),
  })
  .strict();
export type AddFamilyMemberRequest = z.infer<typeof addFamilyMemberSchema>;

/** Links the case's person with a member of their household, or with another returnee's case. */
export const linkRelativeSchema = z
  .object({
    relativeMemberId: z.uuid().optional().describe('A member of the same household'),
    relativeCaseId: z
      .uuid()
      .optional()
      .describe('The case of another returnee (they join one household)'),
    relationship: relationshipSchema.describe("What the relative is to the case's person"),
  })
  .strict()
  .refine(
    (value) => (value.relativeMemberId === undefined) !== (value.relativeCaseId === undefined),
    {
      path: ['relativeMemberId'],
      message: bilingual(
        'Indique un familiar: relativeMemberId o relativeCaseId (solo uno).',
        'Name one relative: relativeMemberId or relativeCaseId (only one).',
      ),
    },
  );
export type LinkRelativeRequest = z.infer<typeof linkRelativeSchema>;
