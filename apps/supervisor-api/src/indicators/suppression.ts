/** Counts under this (but above zero) are hidden: they could point to a person. */
export const SMALL_CELL = 5;

export type Cell = number | '<5';

/** A count as published: 1–4 become "<5" (0 is shown: an empty cell discloses nobody). */
export function count(value: number): Cell {
  return value > 0 && value < SMALL_CELL ? '<5' : value;
}

/**
 * Two counts that add up to a published total: when one is suppressed the other is too, or the
 * hidden one could be worked out by subtraction (complementary suppression). A 0 stays visible.
 */
export function complementary(a: number, b: number): [Cell, Cell] {
  const [first, second] = [count(a), count(b)];
  if (first === '<5' || second === '<5') return [a === 0 ? 0 : '<5', b === 0 ? 0 : '<5'];
  return [first, second];
}

/** A figure derived from `n` cases (mean, median): hidden with its count when n is small. */
export function derived(value: number | null, n: number, digits = 2): number | '<5' | null {
  if (n > 0 && n < SMALL_CELL) return '<5';
  return value === null ? null : Number(value.toFixed(digits));
}

/**
 * CSV with a header row; values quoted only when they need it. A text that a spreadsheet would run
 * as a formula (=, +, -, @, tab, CR first) gets a leading apostrophe (OWASP's CSV injection rule);
 * numbers stay numbers.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const cell = (value: unknown) => {
    let text = value === null || value === undefined ? '' : String(value);
    if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
