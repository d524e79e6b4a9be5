import { z } from 'zod';
import { bilingual } from '@reintegra/platform-http';
import { BREAK_GLASS_REASONS, ERASURE_REASONS } from '../core/care-vocabulary';

export const breakGlassSchema = z
  .object({
    reasonCode: z.enum(BREAK_GLASS_REASONS, {
      error: bilingual(
        'El acceso de emergencia requiere un motivo.',
        'Emergency access requires a reason.',
      ),
    }),
    justification: z
      .string({
        error: bilingual(
          'El acceso de emergencia requiere una justificación.',
          'Emergency access requires a justification.',
        ),
      })
      .trim()
      .min(
        15,
        bilingual(
          'Explique la emergencia (al menos 15 caracteres).',
          'Explain the emergency (at least 15 characters).',
        ),
      )
      .max(2000),
  })
  .strict();
export type BreakGlassRequest = z.infer<typeof breakGlassSchema>;

export const eraseRecordSchema = z.object({ reasonCode: z.enum(ERASURE_REASONS) }).strict();
export type EraseRecordRequest = z.infer<typeof eraseRecordSchema>;
