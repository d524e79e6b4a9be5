import { z } from 'zod';
import { bilingual } from '@reintegra/platform-http';

export const createSessionSchema = z
  .object({
    id: z
      .uuid()
      .optional()
      .describe('Generated on the device when offline: a replay is the same session'),
    heldOn: z.iso.date(),
    sensitive: z
      .boolean()
      .default(false)
      .describe('Guided reflection on sensitive stories: facilitator-only notes'),
  })
  .strict();
export type CreateSessionRequest = z.infer<typeof createSessionSchema>;

/**
 * One attendance sheet: up to 200 marks, each with an id generated on the phone. Sending the same
 * sheet again (an offline queue replayed) records nothing twice.
 */
export const attendanceSheetSchema = z
  .object({
    marks: z
      .array(
        z
          .object({
            markId: z.uuid().describe('Generated on the device, once per mark'),
            participantId: z.uuid(),
            present: z.boolean(),
            markedAt: z.iso
              .datetime({ offset: true })
              .optional()
              .describe('When tapped on the device'),
          })
          .strict(),
      )
      .min(1)
      .max(200)
      .refine((marks) => new Set(marks.map((m) => m.participantId)).size === marks.length, {
        message: bilingual('Una persona aparece dos veces.', 'A person appears twice.'),
      }),
  })
  .strict();
export type AttendanceSheetRequest = z.infer<typeof attendanceSheetSchema>;
