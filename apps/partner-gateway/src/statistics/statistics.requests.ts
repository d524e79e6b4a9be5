import { z } from 'zod';
import { bilingual } from '@reintegra/platform-http';

const month = z
  .string()
  .regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/, bilingual('Use AAAA-MM.', 'Use YYYY-MM.'));

const currentMonth = () => new Date().toISOString().slice(0, 7);
const elevenMonthsAgo = () => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1))
    .toISOString()
    .slice(0, 7);
};

/** Months of the request (default: the last twelve, this one included). */
export const statisticsQuery = z
  .object({
    // Defaults filled when parsed (not `.default`, which would document the server's start month).
    from: month
      .optional()
      .transform((value) => value ?? elevenMonthsAgo())
      .describe('Primer mes (por defecto, hace once meses) / first month (default: 11 months ago)'),
    to: month
      .optional()
      .transform((value) => value ?? currentMonth())
      .describe('Último mes (por defecto, el actual) / last month (default: the current one)'),
  })
  .refine((range) => range.from <= range.to, {
    message: bilingual('from debe ser anterior o igual a to.', 'from must not be after to.'),
    path: ['from'],
    // Only a well-formed range is compared (a bad month is reported alone).
    when: (payload) => payload.issues.length === 0,
  });
export type StatisticsQuery = z.infer<typeof statisticsQuery>;
