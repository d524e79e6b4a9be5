import { UnsupportedMediaTypeException } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { bilingual, RequestValidationError } from '@reintegra/platform-http';
import { ARRIVAL_COLUMNS, OPTIONAL_ARRIVAL_COLUMNS } from './arrival-row';

export type ArrivalListFormat = 'csv' | 'json';

/** Most rows one file may hold (a day's flights and buses hold a few hundred people). */
export const MAX_ARRIVAL_ROWS = 20_000;

/** An uploaded list as stored until processed: its format and text. */
export interface ArrivalListSource {
  readonly format: ArrivalListFormat;
  readonly text: string;
}

/** A data row: its 1-based number (the header is not counted) and its cells by column. */
export interface SourceRow {
  readonly number: number;
  readonly cells: Record<string, unknown> | undefined;
  /** Why the row could not even be read as cells (wrong number of columns, not an object). */
  readonly unreadable?: boolean;
}

const fileProblem = (field: string, es: string, en: string) =>
  new RequestValidationError([
    { code: 'custom', path: [field], message: bilingual(es, en), input: undefined },
  ]);

/** The JSON form: `{ "rows": [ { "transport": "flight", … }, … ] }`. */
export const arrivalListJsonEnvelope = z
  .object({ rows: z.array(z.unknown()).min(1).max(MAX_ARRIVAL_ROWS) })
  .strict();

/** Same file, same text: CSV without BOM and with \n line ends; JSON as parsed and re-serialised. */
export function sourceOf(body: unknown, contentType: string | undefined): ArrivalListSource {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  if (type === 'text/csv') {
    const text = typeof body === 'string' ? body : '';
    return {
      format: 'csv',
      text: text
        .replace(/^\uFEFF/, '')
        .replace(/\r\n?/g, '\n')
        .trimEnd(),
    };
  }
  if (type !== 'application/json') throw new UnsupportedMediaTypeException();
  const envelope = arrivalListJsonEnvelope.safeParse(body);
  if (!envelope.success) throw new RequestValidationError(envelope.error.issues);
  return { format: 'json', text: JSON.stringify(envelope.data) };
}

/** Identifies an import: importing the same content again returns the same import. */
export function contentHashOf(source: ArrivalListSource): string {
  return createHash('sha256').update(`${source.format}\n${source.text}`).digest('hex');
}

/**
 * The rows of a list. Problems with the whole file (no header, unknown or missing columns,
 * unreadable CSV, too many rows) reject it with 400; problems of one row are that row's errors.
 */
export function rowsOf(source: ArrivalListSource): SourceRow[] {
  if (source.format === 'json') {
    const { rows } = arrivalListJsonEnvelope.parse(JSON.parse(source.text));
    return rows.map((row, index) =>
      typeof row === 'object' && row !== null && !Array.isArray(row)
        ? { number: index + 1, cells: withoutBlanks(row as Record<string, unknown>) }
        : { number: index + 1, cells: undefined, unreadable: true },
    );
  }
  let records: string[][];
  try {
    records = parse(source.text, {
      bom: true,
      trim: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as string[][];
  } catch {
    throw fileProblem(
      'file',
      'El CSV no se puede leer (comillas sin cerrar u otro error de formato).',
      'The CSV cannot be read (an unclosed quote or another format error).',
    );
  }
  const [header, ...data] = records;
  if (!header || data.length === 0) {
    throw fileProblem(
      'file',
      'La lista está vacía: se espera una fila de encabezado y al menos una persona.',
      'The list is empty: a header row and at least one person are expected.',
    );
  }
  const unknown = header.filter(
    (column) => !(ARRIVAL_COLUMNS as readonly string[]).includes(column),
  );
  const missing = ARRIVAL_COLUMNS.filter(
    (column) => !OPTIONAL_ARRIVAL_COLUMNS.has(column) && !header.includes(column),
  );
  if (unknown.length > 0 || missing.length > 0) {
    const detail = [
      unknown.length ? `desconocidas/unknown: ${unknown.join(', ')}` : '',
      missing.length ? `faltan/missing: ${missing.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('; ');
    throw fileProblem(
      'header',
      `Columnas no válidas (${detail}). Columnas: ${ARRIVAL_COLUMNS.join(', ')}.`,
      `Invalid columns (${detail}). Columns: ${ARRIVAL_COLUMNS.join(', ')}.`,
    );
  }
  if (data.length > MAX_ARRIVAL_ROWS) {
    throw fileProblem(
      'file',
      `La lista tiene más de ${MAX_ARRIVAL_ROWS} filas: divídala.`,
      `The list has more than ${MAX_ARRIVAL_ROWS} rows: split it.`,
    );
  }
  return data.map((record, index) =>
    record.length === header.length
      ? {
          number: index + 1,
          cells: withoutBlanks(Object.fromEntries(header.map((column, i) => [column, record[i]]))),
        }
      : { number: index + 1, cells: undefined, unreadable: true },
  );
}

/** Blank cells are absent values (DUI and municipality may be left empty). */
function withoutBlanks(cells: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(cells).filter(
      ([, value]) => !(typeof value === 'string' && value.trim() === ''),
    ),
  );
}
