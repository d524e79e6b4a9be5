import type { QueryRunner } from 'typeorm';

/**
 * Makes a table append-only, for audit trails: triggers refuse UPDATE, DELETE and TRUNCATE (even
 * by the owner), and the application role (`<service>_app`, beside the migrating
 * `<service>_migrator`) may only SELECT and INSERT. Call it from the migration that creates the
 * table. Migrations written before this helper existed (intake, victim-support, partner-gateway)
 * keep their inline copy: a migration that has run in the field is never rewritten.
 */
export async function makeAppendOnly(queryRunner: QueryRunner, table: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new Error(`not a plain table name: ${table}`);
  await queryRunner.query(`
    CREATE FUNCTION ${table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '${table} is append-only';
    END $$`);
  await queryRunner.query(`
    CREATE TRIGGER ${table}_no_update_delete BEFORE UPDATE OR DELETE ON ${table}
      FOR EACH ROW EXECUTE FUNCTION ${table}_append_only()`);
  await queryRunner.query(`
    CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
      FOR EACH STATEMENT EXECUTE FUNCTION ${table}_append_only()`);
  await queryRunner.query(`
    DO $$
    DECLARE app_role text := regexp_replace(current_user, '_migrator$', '_app');
    BEGIN
      IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = app_role) THEN
        EXECUTE format('REVOKE ALL ON ${table} FROM %I', app_role);
        EXECUTE format('GRANT SELECT, INSERT ON ${table} TO %I', app_role);
      END IF;
    END $$`);
}

/** Undoes makeAppendOnly in a migration's `down` (after the table is dropped, or before). */
export async function dropAppendOnly(queryRunner: QueryRunner, table: string): Promise<void> {
  await queryRunner.query(`DROP FUNCTION IF EXISTS ${table}_append_only() CASCADE`);
}
