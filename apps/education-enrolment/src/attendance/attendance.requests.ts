import { z } from 'zod';
import { bilingual } from '@reintegra/platform-http';

const today = () => new Date().toISOString().slice(0, 10);

export const recordSessionSchema = z
  .object({
    heldOn: z.iso
      .date()
      .refine(
        (value) => value <= today(),
        bilingual(
          'No se registra asistencia de sesiones futuras.',
          'Attendance cannot be recorded for a future session.',
        ),
      ),
    attendance: z
      .array(z.object({ enrolmentId: z.uuid(), present: z.boolean() }).strict())
      .min(1)
      .max(10_000)
      .refine(
        (rows) => new Set(rows.map((row) => row.enrolmentId)).size === rows.length,
        bilingual('Una matrícula aparece dos veces.', 'An enrolment appears twice.'),
      ),
  })
  .strict();
export type RecordSessionRequest = z.infer<typeof recordSessionSchema>;
