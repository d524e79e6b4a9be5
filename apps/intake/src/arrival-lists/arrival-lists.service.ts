import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, actorReference, hasAnyRole } from '@reintegra/platform-auth';
import { NotFoundError, outsideMunicipality } from '@reintegra/platform-errors';
import { type Language, localizeIssues } from '@reintegra/platform-http';
import {
  type ArrivalListSource,
  contentHashOf,
  rowsOf,
  type SourceRow,
} from './arrival-list-source';
import type { ArrivalEntriesQuery, ArrivalTripsQuery } from './arrival-list.requests';
import type { ArrivalEntryPage, ArrivalEntryView, ArrivalListView } from './arrival-list.responses';
import { type ArrivalRow, arrivalRowSchema, naturalKeyOf } from './arrival-row';
import { type ArrivalTrip, arrivalTripsOf } from './arrival-trips.queries';

/** Rows written per transaction; progress is visible after each batch. */
export const ARRIVAL_BATCH_SIZE = 250;
/** Lists up to this size are processed within the upload request (201); larger ones after (202). */
export const SYNC_ARRIVAL_ROWS = 500;
const MAX_ERRORS_SHOWN = 1000;

export type ImportOutcome = 'completed' | 'processing' | 'existing';

interface ListRow {
  id: string;
  format: ArrivalListSource['format'];
  source: string | null;
  status: 'processing' | 'completed';
  rows_total: number;
  rows_processed: number;
  accepted: number;
  rejected: number;
  duplicates: number;
  uploaded_at: Date;
  completed_at: Date | null;
}

interface RowError {
  row: number;
  field: string;
  es: string;
  en: string;
}

const notFound = () =>
  new NotFoundError('arrival-list.not-found', {
    es: 'No existe una lista de llegada con ese identificador.',
    en: 'No arrival list with that id.',
  });

/**
 * Arrival lists (pre-intake): imports flight and bus manifests into pending entries that officers
 * then register. Idempotent by content hash (whole file) and natural key (each person and trip).
 */
@Injectable()
export class ArrivalListsService {
  /** Parsed rows of lists being processed, so that each batch does not parse the file again. */
  private readonly parsed = new Map<string, SourceRow[]>();

  constructor(private readonly dataSource: DataSource) {}

  /** Stores a new import, or finds the one with the same content. Nothing is written on a 400. */
  async import(
    source: ArrivalListSource,
    actor: Actor,
  ): Promise<{ id: string; outcome: ImportOutcome }> {
    const hash = contentHashOf(source);
    const existing = await this.findByHash(hash);
    if (existing) return { id: existing, outcome: 'existing' };
    const rows = rowsOf(source); // 400 for a file that cannot be read at all
    const id = randomUUID();
    const inserted: Array<{ id: string }> = await this.dataSource.query(
      `INSERT INTO arrival_lists (id, content_hash, format, source, status, rows_total, uploaded_by, uploaded_at)
       VALUES ($1, $2, $3, $4, 'processing', $5, $6, now())
       ON CONFLICT (content_hash) DO NOTHING
       RETURNING id`,
      [id, hash, source.format, source.text, rows.length, actorReference(actor)],
    );
    if (inserted.length === 0) {
      // The same file uploaded at the same moment: the other upload created the import.
      return { id: (await this.findByHash(hash)) as string, outcome: 'existing' };
    }
    this.parsed.set(id, rows);
    if (rows.length > SYNC_ARRIVAL_ROWS) return { id, outcome: 'processing' };
    while (await this.processBatch(id, 'wait')) {
      // batches until the list is complete
    }
    return { id, outcome: 'completed' };
  }

  /** Lists still to process, oldest first (also those left over by a restart). */
  async processingListIds(): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM arrival_lists WHERE status = 'processing' ORDER BY uploaded_at`,
    );
    return rows.map((row) => row.id);
  }

  /**
   * Processes the next batch of a list in one transaction (entries, errors and counters
   * together, so a crash loses nothing and repeats nothing). `skip`: leave a list another worker
   * holds. Returns whether more batches remain that this caller may process.
   */
  async processBatch(listId: string, lock: 'wait' | 'skip'): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const [list]: ListRow[] = await manager.query(
        `SELECT * FROM arrival_lists WHERE id = $1 AND status = 'processing'
           FOR UPDATE ${lock === 'skip' ? 'SKIP LOCKED' : ''}`,
        [listId],
      );
      if (!list?.source) {
        this.parsed.delete(listId);
        return false;
      }
      let rows = this.parsed.get(listId);
      if (!rows) {
        rows = rowsOf({ format: list.format, text: list.source });
        this.parsed.set(listId, rows);
      }
      const batch = rows.slice(list.rows_processed, list.rows_processed + ARRIVAL_BATCH_SIZE);
      const { accepted, duplicates, rejected } = await this.writeBatch(manager, listId, batch);
      const done = list.rows_processed + batch.length >= list.rows_total;
      await manager.query(
        `UPDATE arrival_lists
            SET rows_processed = rows_processed + $2, accepted = accepted + $3,
                duplicates = duplicates + $4, rejected = rejected + $5,
                status = CASE WHEN $6 THEN 'completed' ELSE status END,
                completed_at = CASE WHEN $6 THEN now() END,
                source = CASE WHEN $6 THEN NULL ELSE source END
          WHERE id = $1`,
        [listId, batch.length, accepted, duplicates, rejected, done],
      );
      if (done) this.parsed.delete(listId);
      return !done;
    });
  }

  private async writeBatch(
    manager: EntityManager,
    listId: string,
    batch: SourceRow[],
  ): Promise<{ accepted: number; duplicates: number; rejected: number }> {
    const valid: Array<{ number: number; row: ArrivalRow }> = [];
    const errors: RowError[] = [];
    for (const sourceRow of batch) {
      if (sourceRow.unreadable || !sourceRow.cells) {
        errors.push({
          row: sourceRow.number,
          field: '',
          es: 'La fila no tiene las columnas del encabezado.',
          en: 'The row does not have the columns of the header.',
        });
        continue;
      }
      const result = arrivalRowSchema.safeParse(sourceRow.cells);
      if (result.success) {
        valid.push({ number: sourceRow.number, row: result.data });
        continue;
      }
      const es = localizeIssues(result.error.issues, 'es');
      const en = localizeIssues(result.error.issues, 'en');
      const fields = new Set<string>();
      es.forEach((issue, i) => {
        if (fields.has(issue.field)) return; // one message per field and row
        fields.add(issue.field);
        errors.push({
          row: sourceRow.number,
          field: issue.field,
          es: issue.message,
          en: en[i]?.message ?? issue.message,
        });
      });
    }
    let accepted = 0;
    if (valid.length > 0) {
      const column = <T>(pick: (entry: { number: number; row: ArrivalRow }) => T) =>
        valid.map(pick);
      const inserted: unknown[] = await manager.query(
        `INSERT INTO arrival_entries (id, list_id, row_number, natural_key, transport, trip_number,
           arrival_date, reception_point, country_returned_from, first_names, last_names,
           date_of_birth, gender, dui, municipality_code, family_group, family_role)
         SELECT u.id, $1, u.row_number, u.natural_key, u.transport, u.trip_number, u.arrival_date,
                u.reception_point, u.country_returned_from, u.first_names, u.last_names,
                u.date_of_birth, u.gender, u.dui, u.municipality_code, u.family_group, u.family_role
           FROM unnest($2::uuid[], $3::int[], $4::text[], $5::text[], $6::text[], $7::date[],
                       $8::text[], $9::text[], $10::text[], $11::text[], $12::date[], $13::text[],
                       $14::text[], $15::text[], $16::text[], $17::text[])
             AS u (id, row_number, natural_key, transport, trip_number, arrival_date,
                   reception_point, country_returned_from, first_names, last_names,
                   date_of_birth, gender, dui, municipality_code, family_group, family_role)
         ON CONFLICT (natural_key) DO NOTHING
         RETURNING id`,
        [
          listId,
          column(() => randomUUID()),
          column((e) => e.number),
          column((e) => naturalKeyOf(e.row)),
          column((e) => e.row.transport),
          column((e) => e.row.tripNumber),
          column((e) => e.row.arrivalDate),
          column((e) => e.row.receptionPoint),
          column((e) => e.row.countryReturnedFrom),
          column((e) => e.row.firstNames),
          column((e) => e.row.lastNames),
          column((e) => e.row.dateOfBirth),
          column((e) => e.row.gender),
          column((e) => e.row.dui ?? null),
          column((e) => e.row.municipalityCode ?? null),
          column((e) => e.row.familyGroup ?? null),
          column((e) => e.row.familyRole ?? null),
        ],
      );
      accepted = inserted.length;
    }
    if (errors.length > 0) {
      await manager.query(
        `INSERT INTO arrival_list_errors (list_id, row_number, field, message_es, message_en)
         SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::text[])
         ON CONFLICT DO NOTHING`,
        [
          listId,
          errors.map((e) => e.row),
          errors.map((e) => e.field),
          errors.map((e) => e.es),
          errors.map((e) => e.en),
        ],
      );
    }
    const rejected = new Set(errors.map((e) => e.row)).size;
    return { accepted, duplicates: valid.length - accepted, rejected };
  }

  async view(listId: string, language: Language): Promise<ArrivalListView> {
    const [list]: ListRow[] = await this.dataSource.query(
      `SELECT id, format, status, rows_total, rows_processed, accepted, rejected, duplicates,
              uploaded_at, completed_at
         FROM arrival_lists WHERE id = $1`,
      [listId],
    );
    if (!list) throw notFound();
    const errors: Array<{
      row_number: number;
      field: string;
      message_es: string;
      message_en: string;
    }> = await this.dataSource.query(
      `SELECT row_number, field, message_es, message_en FROM arrival_list_errors
          WHERE list_id = $1 ORDER BY row_number, field LIMIT ${MAX_ERRORS_SHOWN}`,
      [listId],
    );
    const self = `/arrival-lists/${list.id}`;
    return {
      id: list.id,
      status: list.status,
      format: list.format,
      rowsTotal: list.rows_total,
      rowsProcessed: list.rows_processed,
      accepted: list.accepted,
      rejected: list.rejected,
      duplicates: list.duplicates,
      uploadedAt: list.uploaded_at.toISOString(),
      completedAt: list.completed_at?.toISOString() ?? null,
      errors: errors.map((e) => ({
        row: e.row_number,
        field: e.field,
        message: language === 'en' ? e.message_en : e.message_es,
      })),
      links: { self, entries: `${self}/entries` },
    };
  }

  /** The trips of a day the caller may work on, with their pending and registered people. */
  async trips(actor: Actor, query: ArrivalTripsQuery): Promise<ArrivalTrip[]> {
    const national = hasAnyRole(actor, ['national-supervisor', 'admin']);
    if (!national && !actor.municipalityCode) throw outsideMunicipality();
    return arrivalTripsOf(
      this.dataSource.manager,
      query,
      national ? null : (actor.municipalityCode ?? null),
    );
  }

  /**
   * Entries of a list by row. Municipal staff see the people of their municipality and those
   * whose municipality the manifest left empty; national supervisors see everyone.
   */
  async entries(
    listId: string,
    actor: Actor,
    query: ArrivalEntriesQuery,
  ): Promise<ArrivalEntryPage> {
    const [list]: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM arrival_lists WHERE id = $1`,
      [listId],
    );
    if (!list) throw notFound();
    const national = hasAnyRole(actor, ['national-supervisor', 'admin']);
    if (!national && !actor.municipalityCode) {
      throw outsideMunicipality();
    }
    const params: unknown[] = [listId, query.after ?? 0, query.limit + 1];
    const where = [`list_id = $1`, `row_number > $2`];
    if (!national) {
      params.push(actor.municipalityCode);
      where.push(`(municipality_code = $${params.length} OR municipality_code IS NULL)`);
    }
    if (query.status) {
      params.push(query.status);
      where.push(`status = $${params.length}`);
    }
    const rows: ArrivalEntryView[] = await this.dataSource.query(
      `SELECT id, row_number AS "row", transport, trip_number AS "tripNumber",
              arrival_date::text AS "arrivalDate", reception_point AS "receptionPoint",
              country_returned_from AS "countryReturnedFrom", first_names AS "firstNames",
              last_names AS "lastNames", date_of_birth::text AS "dateOfBirth", gender, dui,
              municipality_code AS "municipalityCode", family_group AS "familyGroup",
              family_role AS "familyRole", status, returnee_id AS "returneeId"
         FROM arrival_entries WHERE ${where.join(' AND ')}
        ORDER BY row_number LIMIT $3`,
      params,
    );
    const page = rows.slice(0, query.limit);
    const link = (after: number | undefined) => {
      const search = new URLSearchParams({ limit: String(query.limit) });
      if (query.status) search.set('status', query.status);
      if (after !== undefined) search.set('after', String(after));
      return `/arrival-lists/${listId}/entries?${search.toString()}`;
    };
    const last = page[page.length - 1];
    return {
      items: page,
      links: {
        self: link(query.after),
        ...(rows.length > query.limit && last ? { next: link(last.row) } : {}),
      },
    };
  }

  private async findByHash(hash: string): Promise<string | undefined> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM arrival_lists WHERE content_hash = $1`,
      [hash],
    );
    return rows[0]?.id;
  }
}
