import { z } from 'zod';
import { bilingual } from '@reintegra/platform-http';
import { registerReturneeRequestSchema } from './register-returnee.requests';

const registration = registerReturneeRequestSchema.shape;
const contact = registration.contact.unwrap().shape;

/**
 * Corrections of a person's record (merge patch): fields sent replace the recorded ones, `null`
 * clears a contact detail, fields left out stay. Identity and return facts are not corrected here.
 */
export const updateReturneeRequestSchema = z
  .object({
    firstNames: registration.firstNames.optional(),
    lastNames: registration.lastNames.optional(),
    gender: registration.gender.optional(),
    contact: z
      .object({
        phone: contact.phone.unwrap().nullable().optional(),
        email: contact.email.unwrap().nullable().optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((value) => Object.keys(value).length > 0, {
    message: bilingual('No hay nada que corregir.', 'Nothing to correct.'),
  });
export type UpdateReturneeRequest = z.infer<typeof updateReturneeRequestSchema>;

/** A person's record as corrections return it. */
export const returneeRecordSchema = z.object({
  returneeId: z.uuid(),
  dui: z.string().nullable(),
  firstNames: z.string(),
  lastNames: z.string(),
  dateOfBirth: z.iso.date(),
  gender: z.string(),
  contact: z.object({ phone: z.string().nullable(), email: z.string().nullable() }),
  version: z.number().int().min(1).describe('Also the ETag'),
  links: z.object({ self: z.string() }),
});
export type ReturneeRecord = z.infer<typeof returneeRecordSchema>;
