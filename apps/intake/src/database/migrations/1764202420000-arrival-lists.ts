import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Pre-intake from flight and bus manifests. An import is identified by the hash of its content
 * (the same file twice is one import); an entry by its natural key (the same person on the same
 * trip is listed once, whichever file lists them). The source is kept only until processed.
 */
export class ArrivalLists1764202420000 implements MigrationInterface {
  name = 'ArrivalLists1764202420000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE arrival_lists (
        id              uuid PRIMARY KEY,
        content_hash    text NOT NULL UNIQUE,
        format          text NOT NULL CHECK (format IN ('csv', 'json')),
        source          text,
        status          text NOT NULL CHECK (status IN ('processing', 'completed')),
        rows_total      integer NOT NULL CHECK (rows_total >= 1),
        rows_processed  integer NOT NULL DEFAULT 0,
        accepted        integer NOT NULL DEFAULT 0,
        rejected        integer NOT NULL DEFAULT 0,
        duplicates      integer NOT NULL DEFAULT 0,
        uploaded_by     text NOT NULL,
        uploaded_at     timestamptz NOT NULL,
        completed_at    timestamptz,
        CHECK (rows_processed = accepted + rejected + duplicates AND rows_processed <= rows_total),
        CHECK ((status = 'completed') = (rows_processed = rows_total)),
        CHECK (status = 'processing' OR source IS NULL)
      )`);
    await queryRunner.query(
      `CREATE INDEX arrival_lists_processing ON arrival_lists (uploaded_at) WHERE status = 'processing'`,
    );
    await queryRunner.query(`
      CREATE TABLE arrival_list_errors (
        list_id     uuid NOT NULL REFERENCES arrival_lists (id),
        row_number  integer NOT NULL,
        field       text NOT NULL,
        message_es  text NOT NULL,
        message_en  text NOT NULL,
        PRIMARY KEY (list_id, row_number, field)
      )`);
    await queryRunner.query(`
      CREATE TABLE arrival_entries (
        id                    uuid PRIMARY KEY,
        list_id               uuid NOT NULL REFERENCES arrival_lists (id),
        row_number            integer NOT NULL,
        natural_key           text NOT NULL UNIQUE,
        transport             text NOT NULL CHECK (transport IN ('flight', 'bus')),
        trip_number           text NOT NULL,
        arrival_date          date NOT NULL,
        reception_point       text NOT NULL,
        country_returned_from char(2) NOT NULL,
        first_names           text NOT NULL,
        last_names            text NOT NULL,
        date_of_birth         date NOT NULL,
        gender                text NOT NULL,
        dui                   text,
        municipality_code     text,
        status                text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'registered')),
        returnee_id           uuid REFERENCES returnees (id),
        registered_at         timestamptz,
        CHECK ((status = 'registered') = (returnee_id IS NOT NULL)),
        UNIQUE (list_id, row_number)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE arrival_entries`);
    await queryRunner.query(`DROP TABLE arrival_list_errors`);
    await queryRunner.query(`DROP TABLE arrival_lists`);
  }
}
