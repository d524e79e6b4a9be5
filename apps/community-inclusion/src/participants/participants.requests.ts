import { z } from 'zod';
import { reasonCodeSchema } from '@reintegra/event-contracts';
import { bilingual } from '@reintegra/platform-http';
import { findMunicipality } from '@reintegra/reference-data';

export const ageBandSchema = z.enum([
  'under-15',
  '15-17',
  '18-24',
  '25-34',
  '35-49',
  '50-64',
  '65-plus',
]);
export const sexSchema = z.enum(['female', 'male', 'other', 'not-said']);
const municipalityCode = z
  .string()
  .refine(
    (code) => findMunicipality(code) !== undefined,
    bilingual('Municipio desconocido.', 'Unknown municipality.'),
  );

/**
 * A resident, family member, diaspora member or local official: minimal data only. The schema is
 * strict, so a DUI or any other identity field is refused (400), never stored.
 */
export const registerParticipantSchema = z
  .object({
    origin: z.enum(['resident', 'family', 'diaspora', 'official']),
    displayName: z
      .string()
      .trim()
      .min(1)
      .max(80)
      .describe('Nombre para mostrar o seudónimo / display name or pseudonym'),
    ageBand: ageBandSchema.optional(),
    sex: sexSchema.optional(),
    neighbourhood: z.string().trim().min(1).max(120).optional(),
    municipalityCode,
    consent: z
      .object({
        formVersion: z.string().min(1).max(40),
        purposes: z
          .array(z.enum(['participation', 'survey']))
          .min(1)
          .refine((p) => p.includes('participation'), {
            message: bilingual(
              'Sin consentimiento de participación no se registra a nadie.',
              'Nobody is registered without consent to participate.',
            ),
          }),
      })
      .strict(),
  })
  .strict();
export type RegisterParticipantRequest = z.infer<typeof registerParticipantSchema>;

/** Joining an activity: a registered participant, or a returnee by case reference (with a referral or not). */
export const joinActivitySchema = z
  .object({
    participantId: z.uuid().optional(),
    caseId: z.uuid().optional(),
    referralId: z.uuid().optional(),
    ageBand: ageBandSchema.optional().describe('Returnees: optional, self-declared'),
    sex: sexSchema.optional(),
    joinedOn: z.iso
      .date()
      .optional()
      .describe('Default: today (a device syncing later may send the real day)'),
  })
  .strict()
  .refine((j) => (j.participantId === undefined) !== (j.caseId === undefined), {
    message: bilingual(
      'Indique participantId o caseId (uno de los dos).',
      'Give participantId or caseId (one of them).',
    ),
    path: ['participantId'],
  })
  .refine((j) => !j.referralId || j.caseId, {
    message: bilingual('Una remisión se une por caseId.', 'A referral joins by caseId.'),
    path: ['referralId'],
  });
export type JoinActivityRequest = z.infer<typeof joinActivitySchema>;

export const withdrawalSchema = z.object({ reasonCode: reasonCodeSchema }).strict();
export type WithdrawalRequest = z.infer<typeof withdrawalSchema>;

export const consentWithdrawalSchema = z
  .object({ purpose: z.enum(['participation', 'survey']) })
  .strict();
export type ConsentWithdrawalRequest = z.infer<typeof consentWithdrawalSchema>;
