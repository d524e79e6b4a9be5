import { z } from 'zod';
import { defineEvent } from '../event-definition';
import { TOPICS } from '../topics';

const municipalityCode = z.string().regex(/^SV-[A-Z]{2}-[A-Z0-9-]+$/);
const actor = z.string().min(1).max(200).describe('Pseudonymous actor reference');

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
    fromMunicipalityCode: municipalityCode,
    toMunicipalityCode: municipalityCode,
    toDistrictCode: z
      .string()
      .regex(/^SV-[A-Z]{2}-[A-Z0-9-]+\/[A-Z0-9-]+$/)
      .optional()
      .describe('District of residence in the new municipality, when known'),
    requestedBy: actor,
    acceptedBy: actor,
    transferredAt: z.iso.datetime({ offset: true }),
  }),
});
export type CaseTransferredV1 = z.infer<typeof caseTransferredV1.data>;
