import { z } from 'zod';
import { MAX_ARRIVAL_ROWS } from './arrival-list-source';
import { arrivalRowSchema } from './arrival-row';

/** What a good JSON upload looks like (rows are checked one by one: bad rows are reported). */
export const arrivalListUploadSchema = z.object({
  rows: z.array(arrivalRowSchema).min(1).max(MAX_ARRIVAL_ROWS),
});

export const arrivalEntriesQuerySchema = z
  .object({
    status: z.enum(['pending', 'registered']).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(25),
    after: z.coerce
      .number()
      .int()
      .min(0)
      .optional()
      .describe('Row number after which the page starts (from links.next)'),
  })
  .strict();
export type ArrivalEntriesQuery = z.infer<typeof arrivalEntriesQuerySchema>;

/** Which arrivals of a day: the reception's "today's flights and buses". */
export const arrivalTripsQuerySchema = z
  .object({
    arrivalDate: z.iso.date().describe('Arrival day, YYYY-MM-DD'),
    transport: z.enum(['flight', 'bus']).optional(),
    tripNumber: z.string().trim().min(1).max(40).optional(),
  })
  .strict();
export type ArrivalTripsQuery = z.infer<typeof arrivalTripsQuerySchema>;
