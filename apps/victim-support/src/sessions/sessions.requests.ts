import { z } from 'zod';
import { bilingual } from '@reintegra/platform-http';
import { CARE_SERVICE_KINDS, CLOSURE_REASONS } from '../core/care-vocabulary';
import { text } from '../core/request-fields';

export const addServiceSchema = z
  .object({
    kind: z.enum(CARE_SERVICE_KINDS),
    legalCaseDetails: text(20_000).optional().describe('Only for legal services (encrypted)'),
  })
  .strict()
  .refine((value) => value.kind.startsWith('legal-') || value.legalCaseDetails === undefined, {
    path: ['legalCaseDetails'],
    message: bilingual(
      'Los datos del caso legal solo aplican a servicios legales.',
      'Legal case details apply only to legal services.',
    ),
  });
export type AddServiceRequest = z.infer<typeof addServiceSchema>;

export const recordSessionSchema = z
  .object({
    serviceId: z.uuid().optional(),
    heldAt: z.iso
      .datetime({ offset: true })
      .refine(
        (value) => new Date(value).getTime() <= Date.now() + 5 * 60_000,
        bilingual('La sesión no puede estar en el futuro.', 'The session cannot be in the future.'),
      ),
    durationMinutes: z.number().int().min(1).max(600),
    notes: text(50_000).describe('Notas de la sesión (cifradas)'),
  })
  .strict();
export type RecordSessionRequest = z.infer<typeof recordSessionSchema>;

export const closeRecordSchema = z.object({ reasonCode: z.enum(CLOSURE_REASONS) }).strict();
export type CloseRecordRequest = z.infer<typeof closeRecordSchema>;
