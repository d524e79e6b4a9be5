import { z } from 'zod';

export const arrivalListSchema = z.object({
  id: z.uuid(),
  status: z.enum(['processing', 'completed']),
  format: z.enum(['csv', 'json']),
  rowsTotal: z.number().int(),
  rowsProcessed: z.number().int(),
  accepted: z.number().int().describe('New pending entries'),
  rejected: z.number().int().describe('Rows with errors (see errors)'),
  duplicates: z.number().int().describe('Rows already listed (same person, same trip)'),
  uploadedAt: z.iso.datetime(),
  completedAt: z.iso.datetime().nullable(),
  errors: z
    .array(
      z.object({
        row: z.number().int().describe('Data row, 1 = the first after the header'),
        field: z.string(),
        message: z.string().describe('In the language of Accept-Language (es by default)'),
      }),
    )
    .describe('The first 1000 row errors, by row'),
  links: z.object({ self: z.string(), entries: z.string() }),
});
export type ArrivalListView = z.infer<typeof arrivalListSchema>;

export const arrivalEntrySchema = z.object({
  id: z.uuid().describe('Send as arrivalEntryId when registering the person'),
  row: z.number().int(),
  transport: z.enum(['flight', 'bus']),
  tripNumber: z.string(),
  arrivalDate: z.iso.date(),
  receptionPoint: z.string(),
  countryReturnedFrom: z.string(),
  firstNames: z.string(),
  lastNames: z.string(),
  dateOfBirth: z.iso.date(),
  gender: z.string(),
  dui: z.string().nullable(),
  municipalityCode: z.string().nullable(),
  familyGroup: z
    .string()
    .nullable()
    .describe('Family on this list; registered, they form one household'),
  familyRole: z.string().nullable(),
  status: z.enum(['pending', 'registered']),
  returneeId: z.uuid().nullable(),
});
export type ArrivalEntryView = z.infer<typeof arrivalEntrySchema>;

export const arrivalEntryPageSchema = z.object({
  items: z.array(arrivalEntrySchema),
  links: z.object({ self: z.string(), next: z.string().optional() }),
});
export type ArrivalEntryPage = z.infer<typeof arrivalEntryPageSchema>;
