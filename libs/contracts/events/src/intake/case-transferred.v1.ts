import { z } from 'zod';
import { defineEvent } from '../event-definition';
import {
  actorSchema,
  dateTimeSchema,
  districtCodeSchema,
  municipalityCodeSchema,
} from '../shared/fields';
import { TOPICS } from '../topics';

/**
 * The receiving office accepted a transfer: the case now belongs to another municipality's
 * office. On the returnees topic (key = case id) so it stays in order with the case's other
 * events; the path moves its `Municipality` search attribute and read models move the case.
 */
export const caseTransferredV1 = defineEvent({
  type: 'sv.reintegra.case.transferred.v1',
  topic: TOPICS.intakeReturnees,
  description:
    'Expediente trasladado a la oficina de otro municipio / Case transferred to another municipality’s office',
  data: z.object({
    caseId: z.uuid(),
    transferId: z.uuid().describe('The transfer request the receiving office accepted'),
    fromMunicipalityCode: municipalityCodeSchema,
    toMunicipalityCode: municipalityCodeSchema,
    toDistrictCode: districtCodeSchema
      .optional()
      .describe('District of residence in the new municipality, when known'),
    requestedBy: actorSchema,
    acceptedBy: actorSchema,
    transferredAt: dateTimeSchema,
  }),
});
export type CaseTransferredV1 = z.infer<typeof caseTransferredV1.data>;
