import { z } from 'zod';
import { bilingual, phoneNumberSchema } from '@reintegra/platform-http';

/** In what capacity an adult answers for a minor (and gives consent for them). */
export const guardianCapacitySchema = z
  .enum(['parent', 'legal-guardian', 'relative', 'other'])
  .describe(
    'Madre o padre / parent, tutor legal / legal guardian, familiar / relative, otro / other',
  );
export type GuardianCapacity = z.infer<typeof guardianCapacitySchema>;

/** The guardian of a minor's case: a member of their household, or an adult named here. */
export const recordGuardianSchema = z
  .object({
    householdMemberId: z.uuid().optional().describe('A member of the minor’s household'),
    firstNames: z.string().trim().min(1).max(100).optional().describe('Named adult: first names'),
    lastNames: z.string().trim().min(1).max(100).optional().describe('Named adult: last names'),
    capacity: guardianCapacitySchema,
    phone: phoneNumberSchema.optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    const named = value.firstNames !== undefined || value.lastNames !== undefined;
    if (value.householdMemberId !== undefined && named) {
      ctx.addIssue({
        code: 'custom',
        path: ['householdMemberId'],
        message: bilingual(
          'Indique un miembro del grupo familiar o un nombre, no ambos.',
          'Give a household member or a name, not both.',
        ),
      });
    } else if (
      value.householdMemberId === undefined &&
      (value.firstNames === undefined || value.lastNames === undefined)
    ) {
      ctx.addIssue({
        code: 'custom',
        path: [value.firstNames === undefined ? 'firstNames' : 'lastNames'],
        message: bilingual(
          'Indique el miembro del grupo familiar, o los nombres y apellidos del adulto responsable.',
          'Give the household member, or the first and last names of the responsible adult.',
        ),
      });
    }
  });
export type RecordGuardianRequest = z.infer<typeof recordGuardianSchema>;
