import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Case status, closure and a row version for optimistic concurrency (ETag / If-Match). */
export class CaseLifecycle1764202100000 implements MigrationInterface {
  name = 'CaseLifecycle1764202100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE return_episodes
        ADD COLUMN status text NOT NULL DEFAULT 'open'
          CHECK (status IN ('open', 'assessed', 'plan-approved', 'in-services', 'follow-up', 'closed')),
        ADD COLUMN status_changed_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN closure_reason text
          CHECK (closure_reason IN ('reintegrated', 'disengaged', 're-migrated', 'transferred', 'deceased')),
        ADD COLUMN version integer NOT NULL DEFAULT 1,
        ADD CONSTRAINT return_episodes_closed_has_reason
          CHECK ((status = 'closed') = (closure_reason IS NOT NULL))`);
    await queryRunner.query(
      `CREATE INDEX return_episodes_municipality_status ON return_episodes (municipality_code, status)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX return_episodes_municipality_status`);
    await queryRunner.query(`
      ALTER TABLE return_episodes
        DROP CONSTRAINT return_episodes_closed_has_reason,
        DROP COLUMN version, DROP COLUMN closure_reason,
        DROP COLUMN status_changed_at, DROP COLUMN status`);
  }
}
