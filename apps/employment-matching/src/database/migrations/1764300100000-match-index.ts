import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Change stamps for the in-memory match index (matching/match-index.ts): every insert or update
 * of a candidate or vacancy records the id of the writing transaction. A reader that remembers
 * the oldest transaction still running at its last read (its snapshot's xmin) finds every row
 * changed since, including by transactions that committed later: xids, unlike timestamps, never
 * let a late commit slip behind the reader.
 */
export class MatchIndex1764300100000 implements MigrationInterface {
  name = 'MatchIndex1764300100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION stamp_changed_xid() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.changed_xid := pg_current_xact_id();
        RETURN NEW;
      END $$`);
    for (const table of ['candidates', 'vacancies']) {
      await queryRunner.query(
        `ALTER TABLE ${table} ADD COLUMN changed_xid xid8 NOT NULL DEFAULT pg_current_xact_id()`,
      );
      await queryRunner.query(`CREATE INDEX ${table}_changed_xid ON ${table} (changed_xid)`);
      await queryRunner.query(
        `CREATE TRIGGER ${table}_changed BEFORE INSERT OR UPDATE ON ${table}
           FOR EACH ROW EXECUTE FUNCTION stamp_changed_xid()`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['candidates', 'vacancies']) {
      await queryRunner.query(`DROP TRIGGER ${table}_changed ON ${table}`);
      await queryRunner.query(`ALTER TABLE ${table} DROP COLUMN changed_xid`);
    }
    await queryRunner.query(`DROP FUNCTION stamp_changed_xid()`);
  }
}
