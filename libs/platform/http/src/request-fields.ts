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

/** Today's date (UTC) as an ISO date, for comparing with ISO date fields as text. */
const today = () => new Date().toISOString().slice(0, 10);

/**
 * A date that has already come (dates of birth, of return): the same rule, with the same words,
 * wherever a service takes one. `.describe()` it at the field.
 */
export const pastDateSchema = z.iso
  .date()
  .refine(
    (value) => value <= today(),
    bilingual('La fecha no puede estar en el futuro.', 'The date cannot be in the future.'),
  );

/** A phone number as offices write it (optional `+`, digits, spaces and dashes), trimmed. */
export const phoneNumberSchema = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 -]{6,19}$/, bilingual('Teléfono no válido.', 'Invalid phone number.'));
