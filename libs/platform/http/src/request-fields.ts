import { z } from 'zod';
import { bilingual } from './localized-issues';

/**
 * An organisation id as staff tokens carry it (providers, employers): letters, digits, `.`, `_`
 * and `-`, as the services' tables check it.
 */
export const organisationIdSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/,
    bilingual(
      'Identificador no válido (letras, dígitos, . _ -).',
      'Invalid id (letters, digits, . _ -).',
    ),
  );

/** For `.refine(...datesInOrder)` on a query with optional `from` and `to` dates. */
export const datesInOrder: [
  check: (query: { from?: string; to?: string }) => boolean,
  issue: { message: string; path: string[] },
] = [
  (query: { from?: string; to?: string }) => !query.from || !query.to || query.from <= query.to,
  {
    message: bilingual(
      'La fecha final es anterior a la inicial.',
      'The end date is before the start date.',
    ),
    path: ['to'],
  },
];
