import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { dateTimeSchema, districtCodeSchema, municipalityCodeSchema } from '../shared/fields';
import { TOPICS } from '../topics';

/**
 * A returnee was registered and a new return episode (case) opened. Carries ids and the
 * routing facts the reintegration path needs; never names, DUI or contact details.
 */
export const returneeRegisteredV1 = defineEvent({
  type: 'sv.reintegra.returnee.registered.v1',
  topic: TOPICS.intakeReturnees,
  description:
    'Persona retornada registrada y expediente abierto / Returnee registered, case opened',
  data: z.object({
    caseId: z.uuid().describe('Case (return episode) id; the reintegration path is keyed on it'),
    returneeId: z.uuid().describe('Person id; the same across return episodes'),
    episodeNumber: z.int().min(1).describe('1 for the first return, 2 for the second, …'),
    municipalityCode: municipalityCodeSchema.describe(
      'Municipality of residence (reference-data code), for tenancy and routing',
    ),
    districtCode: districtCodeSchema
      .optional()
      .describe('District of residence (former municipality), when known'),
    returnDate: z.iso.date().describe('Date of return to El Salvador'),
    countryReturnedFrom: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .describe('ISO 3166-1 alpha-2 country the person was returned from'),
    minor: z.boolean().describe('Under 18 on the return date'),
    registeredAt: dateTimeSchema.describe('When intake registered the case'),
  }),
});

export type ReturneeRegisteredV1 = z.infer<typeof returneeRegisteredV1.data>;
