import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Append-only trail of the office's decisions (merges, plan approvals and rejections, closure
 * proposals and closures): who (pseudonymous reference), what, on which ids, when, under which
 * correlation id. Ids and codes only, never personal data.
 */
export class IntakeAuditLog1764202310000 implements MigrationInterface {
  name = 'IntakeAuditLog1764202310000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // No foreign keys: the trail must outlive whatever it mentions.
    await queryRunner.query(`
      CREATE TABLE audit_log (
        seq            bigserial PRIMARY KEY,
        occurred_at    timestamptz NOT NULL,
        actor          text NOT NULL CHECK (actor ~ '^(user|system):'),
        action         text NOT NULL,
        returnee_id    uuid,
        case_id        uuid,
        related_id     uuid,
        reason_code    text,
        correlation_id uuid NOT NULL,
        CHECK (returnee_id IS NOT NULL OR case_id IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE INDEX audit_log_case ON audit_log (case_id, seq)`);
    await queryRunner.query(`CREATE INDEX audit_log_returnee ON audit_log (returnee_id, seq)`);
    await queryRunner.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await queryRunner.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
    // The default privileges give the application role full DML; here it may only append and
    // read. The app role is <service>_app beside this migrator (<service>_migrator).
    await queryRunner.query(`
      DO $$
      DECLARE app_role text := regexp_replace(current_user, '_migrator$', '_app');
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = app_role) THEN
          EXECUTE format('REVOKE ALL ON audit_log FROM %I', app_role);
          EXECUTE format('GRANT SELECT, INSERT ON audit_log TO %I', app_role);
        END IF;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit_log`);
    await queryRunner.query(`DROP FUNCTION audit_log_append_only()`);
  }
}
