import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Care records of victim support. Every sensitive field (intake notes, risk reasons, safety plan,
 * session notes, legal case details, break-glass justifications) is a `bytea` holding AES-256-GCM
 * ciphertext under the case's own key; plain columns hold only codes, dates and subjects. No
 * table holds a case id, returnee id or name: records are keyed by the pseudonymous reference.
 */
export class CareRecords1764288000000 implements MigrationInterface {
  name = 'CareRecords1764288000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE care_records (
        reference          uuid PRIMARY KEY,
        priority           text NOT NULL CHECK (priority IN ('emergency', 'urgent', 'normal')),
        requested_services text[] NOT NULL CHECK (cardinality(requested_services) >= 1),
        status             text NOT NULL
                           CHECK (status IN ('referred', 'accepted', 'engaged', 'closed', 'erased')),
        risk_level         text CHECK (risk_level IN ('low', 'moderate', 'high', 'imminent')),
        intake_notes       bytea,
        closure_reason     text,
        received_at        timestamptz NOT NULL DEFAULT now(),
        accepted_at        timestamptz,
        engaged_at         timestamptz,
        closed_at          timestamptz,
        erased_at          timestamptz,
        erasure_reason     text
      )`);
    // Only ever the wrapped key; NULL once destroyed (crypto-shredding), the row keeps the date.
    await queryRunner.query(`
      CREATE TABLE case_keys (
        reference    uuid PRIMARY KEY REFERENCES care_records (reference),
        wrapped_key  bytea,
        kek_id       text NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        destroyed_at timestamptz,
        CHECK ((wrapped_key IS NULL) = (destroyed_at IS NOT NULL))
      )`);
    await queryRunner.query(`
      CREATE TABLE case_assignments (
        reference   uuid NOT NULL REFERENCES care_records (reference),
        counsellor  text NOT NULL,
        assigned_by text NOT NULL,
        assigned_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (reference, counsellor)
      )`);
    await queryRunner.query(`
      CREATE TABLE risk_assessments (
        id          uuid PRIMARY KEY,
        reference   uuid NOT NULL REFERENCES care_records (reference),
        level       text NOT NULL CHECK (level IN ('low', 'moderate', 'high', 'imminent')),
        reasons     bytea NOT NULL,
        assessed_by text NOT NULL,
        assessed_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX risk_assessments_reference ON risk_assessments (reference, assessed_at)`,
    );
    await queryRunner.query(`
      CREATE TABLE safety_plans (
        reference  uuid PRIMARY KEY REFERENCES care_records (reference),
        plan       bytea NOT NULL,
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE care_services (
        id            uuid PRIMARY KEY,
        reference     uuid NOT NULL REFERENCES care_records (reference),
        kind          text NOT NULL
                      CHECK (kind IN ('psychological-support', 'legal-advice', 'legal-case-filing', 'recreation')),
        legal_details bytea,
        started_by    text NOT NULL,
        started_at    timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX care_services_reference ON care_services (reference)`);
    await queryRunner.query(`
      CREATE TABLE care_sessions (
        id               uuid PRIMARY KEY,
        reference        uuid NOT NULL REFERENCES care_records (reference),
        service_id       uuid REFERENCES care_services (id),
        held_at          timestamptz NOT NULL,
        duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 1 AND 600),
        notes            bytea NOT NULL,
        recorded_by      text NOT NULL,
        recorded_at      timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX care_sessions_reference ON care_sessions (reference, held_at)`,
    );
    await queryRunner.query(`
      CREATE TABLE consents (
        id           uuid PRIMARY KEY,
        reference    uuid NOT NULL REFERENCES care_records (reference),
        recipient    text NOT NULL,
        purpose      text NOT NULL,
        categories   text[] NOT NULL CHECK (cardinality(categories) >= 1),
        recorded_by  text NOT NULL,
        granted_at   timestamptz NOT NULL,
        withdrawn_at timestamptz,
        withdrawn_by text
      )`);
    await queryRunner.query(`CREATE INDEX consents_reference ON consents (reference)`);
    await queryRunner.query(`
      CREATE TABLE disclosures (
        id           uuid PRIMARY KEY,
        reference    uuid NOT NULL REFERENCES care_records (reference),
        consent_id   uuid NOT NULL REFERENCES consents (id),
        recipient    text NOT NULL,
        categories   text[] NOT NULL,
        disclosed_by text NOT NULL,
        disclosed_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE break_glass_grants (
        id            uuid PRIMARY KEY,
        reference     uuid NOT NULL REFERENCES care_records (reference),
        subject       text NOT NULL,
        reason_code   text NOT NULL,
        justification bytea NOT NULL,
        granted_at    timestamptz NOT NULL,
        expires_at    timestamptz NOT NULL CHECK (expires_at > granted_at)
      )`);
    await queryRunner.query(
      `CREATE INDEX break_glass_grants_lookup ON break_glass_grants (reference, subject, expires_at)`,
    );
    // The supervisor's queue of break-glass accesses to review. Kept in this database (not sent as
    // an event) because even "someone opened record X in an emergency" must not leave the service.
    await queryRunner.query(`
      CREATE TABLE supervisor_notifications (
        id              uuid PRIMARY KEY,
        kind            text NOT NULL CHECK (kind IN ('break-glass')),
        reference       uuid NOT NULL REFERENCES care_records (reference),
        subject         text NOT NULL,
        reason_code     text NOT NULL,
        created_at      timestamptz NOT NULL,
        expires_at      timestamptz NOT NULL,
        acknowledged_at timestamptz,
        acknowledged_by text
      )`);
    await queryRunner.query(`
      CREATE INDEX supervisor_notifications_open ON supervisor_notifications (created_at)
        WHERE acknowledged_at IS NULL`);

    // Audit: no foreign key to care_records, so the trail outlives any erasure.
    await queryRunner.query(`
      CREATE TABLE audit_log (
        seq           bigserial PRIMARY KEY,
        occurred_at   timestamptz NOT NULL,
        actor_subject text NOT NULL,
        actor_roles   text[] NOT NULL,
        action        text NOT NULL,
        reference     uuid,
        purpose       text NOT NULL,
        outcome       text NOT NULL CHECK (outcome IN ('allowed', 'denied')),
        reason_code   text,
        prev_hash     char(64) NOT NULL,
        hash          char(64) NOT NULL UNIQUE
      )`);
    await queryRunner.query(`CREATE INDEX audit_log_reference ON audit_log (reference, seq)`);
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
    // The default privileges give the application role full DML; on the audit log it may only
    // append and read. The app role is <service>_app beside this migrator (<service>_migrator).
    await queryRunner.query(`
      DO $$
      DECLARE app_role text := regexp_replace(current_user, '_migrator$', '_app');
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = app_role) THEN
          EXECUTE format('REVOKE ALL ON audit_log FROM %I', app_role);
          EXECUTE format('GRANT SELECT, INSERT ON audit_log TO %I', app_role);
          EXECUTE format('REVOKE UPDATE, DELETE ON case_assignments FROM %I', app_role);
        END IF;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'audit_log',
      'supervisor_notifications',
      'break_glass_grants',
      'disclosures',
      'consents',
      'care_sessions',
      'care_services',
      'safety_plans',
      'risk_assessments',
      'case_assignments',
      'case_keys',
      'care_records',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    await queryRunner.query(`DROP FUNCTION audit_log_append_only()`);
  }
}
