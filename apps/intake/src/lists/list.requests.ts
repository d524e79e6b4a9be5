import { z } from 'zod';
import { caseStatusSchema } from '@reintegra/event-contracts';
import { bilingual } from '@reintegra/platform-http';
import { findMunicipality } from '@reintegra/reference-data';

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Position after the last item of a page, in list order (return date, then id, both descending). */
export interface ListCursor {
  readonly returnDate: string;
  readonly id: string;
}

/** Opaque to clients: base64url of the sort key of the last item. */
export function encodeCursor(cursor: ListCursor): string {
  return Buffer.from(JSON.stringify([cursor.returnDate, cursor.id])).toString('base64url');
}

export function decodeCursor(value: string): ListCursor | undefined {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (
      Array.isArray(decoded) &&
      decoded.length === 2 &&
      typeof decoded[0] === 'string' &&
      ISO_DATE.test(decoded[0]) &&
      typeof decoded[1] === 'string' &&
      UUID.test(decoded[1])
    ) {
      return { returnDate: decoded[0], id: decoded[1] };
    }
  } catch {
    // not base64url JSON: invalid like any other malformed cursor
  }
  return undefined;
}

const cursorSchema = z
  .string()
  .transform((value, ctx) => {
    const cursor = decodeCursor(value);
    if (!cursor) {
      ctx.addIssue({
        code: 'custom',
        message: bilingual(
          'Cursor no válido: use el enlace `links.next` de la página anterior.',
          'Invalid cursor: use the `links.next` link of the previous page.',
        ),
      });
      return z.NEVER;
    }
    return cursor;
  })
  .optional()
  .describe('Opaque position from `links.next` of the previous page');

const listFilters = {
  municipality: z
    .string()
    .refine(
      (code) => findMunicipality(code) !== undefined,
      bilingual('Municipio desconocido.', 'Unknown municipality.'),
    )
    .optional()
    .describe('Municipality code; staff of a municipality see only their own'),
  status: caseStatusSchema.optional(),
  returnedFrom: z.iso.date().optional().describe('Return date on or after (YYYY-MM-DD)'),
  returnedTo: z.iso.date().optional().describe('Return date on or before (YYYY-MM-DD)'),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .default(DEFAULT_PAGE_SIZE)
    .describe(`Page size (default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE})`),
  cursor: cursorSchema,
};

const dateRangeInOrder = {
  check: (value: { returnedFrom?: string; returnedTo?: string }) =>
    !value.returnedFrom || !value.returnedTo || value.returnedFrom <= value.returnedTo,
  params: {
    path: ['returnedTo'],
    message: bilingual(
      'La fecha final es anterior a la inicial.',
      'The end date is before the start date.',
    ),
  },
};

/** GET /returnees: filters apply to each person's latest case (return episode). */
export const returneeListQuerySchema = z
  .object({
    q: z
      .string()
      .trim()
      .min(2)
      .max(100)
      .optional()
      .describe('Names (every word, accents and case ignored) or DUI (exact or prefix)'),
    match: z
      .enum(['words', 'similar'])
      .optional()
      .describe(
        'words: every word of q is in the name; similar: close to a word of it (typos). Without it, similar is used when words finds nobody',
      ),
    ...listFilters,
  })
  .strict()
  .refine(dateRangeInOrder.check, dateRangeInOrder.params);
export type ReturneeListQuery = z.infer<typeof returneeListQuerySchema>;

/** GET /cases: every return episode. */
export const caseListQuerySchema = z
  .object({
    ...listFilters,
    minor: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .optional()
      .describe('Only minors (true) or only adults (false) on the return date'),
  })
  .strict()
  .refine(dateRangeInOrder.check, dateRangeInOrder.params);
export type CaseListQuery = z.infer<typeof caseListQuerySchema>;

/** A link to a page of a list: the same filters, and the cursor of the page (none: the first). */
export function pageLink(
  path: string,
  query: Record<string, string | number | boolean | ListCursor | undefined>,
  cursor: ListCursor | undefined,
): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && name !== 'cursor') params.set(name, String(value));
  }
  if (cursor) params.set('cursor', encodeCursor(cursor));
  return `${path}?${params.toString()}`;
}
