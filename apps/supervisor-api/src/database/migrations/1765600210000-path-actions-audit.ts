import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropAppendOnly, makeAppendOnly } from '@reintegra/platform-database';

/**
 * Append-only trail of what supervisors did to paths through the dashboard (reassigning the
 * officer, pausing, resuming): who (pseudonymous), what, which case, when, and whether the path
 * took it. Not part of the read model: a rebuild leaves it alone.
 */
export class PathActionsAudit1765600210000 implements MigrationInterface {
  name = 'PathActionsAudit1765600210000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE path_actions_audit (
        seq            bigserial PRIMARY KEY,
        occurred_at    timestamptz NOT NULL,
        actor          text NOT NULL CHECK (actor ~ '^(user|system):'),
        action         text NOT NULL,
        case_id        uuid NOT NULL,
        reason_code    text,
        outcome        text NOT NULL CHECK (outcome IN ('done', 'rejected')),
        correlation_id uuid NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX path_actions_audit_case ON path_actions_audit (case_id, seq)`,
    );
    await makeAppendOnly(queryRunner, 'path_actions_audit');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE path_actions_audit`);
    await dropAppendOnly(queryRunner, 'path_actions_audit');
  }
}
