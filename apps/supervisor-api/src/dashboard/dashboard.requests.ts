import { z } from 'zod';
import { referralPrioritySchema, referralServiceSchema } from '@reintegra/event-contracts';
import { bilingual, datesInOrder } from '@reintegra/platform-http';
import { findMunicipality } from '@reintegra/reference-data';
import { CASE_PHASES } from '@reintegra/workflow-contracts';

const municipalityCode = z
  .string()
  .refine(
    (code) => findMunicipality(code) !== undefined,
    bilingual('No es un código de municipio conocido.', 'Not a known municipality code.'),
  );

const booleanFlag = z
  .enum(['true', 'false'], {
    error: bilingual('Use "true" o "false".', 'Use "true" or "false".'),
  })
  .transform((value) => value === 'true');

/** Filters of the case list (query string). Unknown parameters are refused, not ignored. */
export const caseListQuerySchema = z
  .object({
    municipality: municipalityCode.optional(),
    phase: z.enum(CASE_PHASES).optional(),
    service: referralServiceSchema.optional(),
    priority: referralPrioritySchema.optional(),
    overdue: booleanFlag.optional(),
    officer: z.string().min(1).max(200).optional(),
    from: z.iso.date().optional().describe('Registered on or after (YYYY-MM-DD)'),
    to: z.iso.date().optional().describe('Registered on or before (YYYY-MM-DD)'),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict()
  .refine(...datesInOrder);
export type CaseListQuery = z.infer<typeof caseListQuerySchema>;

export const overviewQuerySchema = z.object({ municipality: municipalityCode.optional() }).strict();
export type OverviewQuery = z.infer<typeof overviewQuerySchema>;
