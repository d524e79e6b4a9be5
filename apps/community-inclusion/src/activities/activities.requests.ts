import { z } from 'zod';
import { activityKindSchema, targetGroupSchema } from '@reintegra/event-contracts';
import { bilingual, districtWithinMunicipality } from '@reintegra/platform-http';
import { findDistrict, findMunicipality } from '@reintegra/reference-data';

const day = z.iso.date();
const subjects = z
  .array(z.string().min(1).max(200))
  .max(10)
  .describe('Facilitators: the subject (sub claim) of each facilitator running the activity');

export const createActivitySchema = z
  .object({
    providerId: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/)
      .describe('Organisation running it: the municipal office or a partner'),
    kind: activityKindSchema,
    title: z.string().trim().min(1).max(200),
    municipalityCode: z
      .string()
      .refine(
        (code) => findMunicipality(code) !== undefined,
        bilingual('Municipio desconocido.', 'Unknown municipality.'),
      ),
    districtCode: z
      .string()
      .refine(
        (code) => findDistrict(code) !== undefined,
        bilingual('Distrito desconocido.', 'Unknown district.'),
      )
      .optional(),
    publicSpace: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .describe('e.g. Parque central, Casa de la cultura'),
    schedule: z.string().trim().min(1).max(200).describe('e.g. sábados 9:00-11:00'),
    startsOn: day,
    endsOn: day.optional(),
    capacity: z.int().min(1).max(1000),
    targetGroups: z.array(targetGroupSchema).max(9).default([]),
    languages: z
      .array(z.string().regex(/^[a-z]{2,3}$/))
      .min(1)
      .max(5)
      .default(['es']),
    facilitators: subjects.default([]),
  })
  .strict()
  .superRefine(districtWithinMunicipality(findDistrict))
  .refine((a) => !a.endsOn || a.endsOn >= a.startsOn, {
    message: bilingual(
      'La fecha final es anterior a la inicial.',
      'The end date is before the start.',
    ),
    path: ['endsOn'],
  });
export type CreateActivityRequest = z.infer<typeof createActivitySchema>;

export const updateActivitySchema = z
  .object({
    capacity: z.int().min(1).max(1000).optional(),
    schedule: z.string().trim().min(1).max(200).optional(),
    publicSpace: z.string().trim().min(1).max(200).optional(),
    facilitators: subjects.optional(),
    endsOn: day.optional(),
    open: z.boolean().optional(),
  })
  .strict();
export type UpdateActivityRequest = z.infer<typeof updateActivitySchema>;
