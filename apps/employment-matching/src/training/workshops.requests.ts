import { z } from 'zod';
import { endsNotBeforeStart } from '@reintegra/platform-http';
import { SKILL_CODE } from '../domain/skills';
import {
  knownIscoCodeSchema,
  municipalityCodeSchema,
  reasonCodeSchema,
} from '../core/common.requests';

export const createWorkshopSchema = z
  .object({
    providerId: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .describe('Only for admins; caseworkers open workshops of their own office'),
    name: z.string().trim().min(1).max(200),
    tradeIscoCode: knownIscoCodeSchema.describe('Trade taught, e.g. 7112 albañilería'),
    certificationCode: z
      .string()
      .regex(SKILL_CODE)
      .optional()
      .describe('Certificate awarded; default escuela-taller-<trade>'),
    municipalityCode: municipalityCodeSchema,
    seats: z.number().int().min(1).max(500),
    startsOn: z.iso.date(),
    endsOn: z.iso.date(),
  })
  .strict()
  .superRefine(endsNotBeforeStart);
export type CreateWorkshopRequest = z.infer<typeof createWorkshopSchema>;

export const enrolSchema = z.object({ caseId: z.uuid() }).strict();
export type EnrolRequest = z.infer<typeof enrolSchema>;

export const dropSchema = z
  .object({ reasonCode: reasonCodeSchema.describe('e.g. found-work, moved-away, no-show') })
  .strict();
export type DropRequest = z.infer<typeof dropSchema>;
