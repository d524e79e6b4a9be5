import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Refusals of callers who never authenticated (401: no, malformed, unknown, wrong, revoked or
 * expired credentials) are counted per minute, route family, code and reason instead of one
 * append-only audit row each: a flood of bad tokens must not grow a table nothing may delete
 * (issue 20, 10). Refusals of authenticated callers stay in audit_log row by row.
 */
export class AnonymousRefusalCounts1765500000000 implements MigrationInterface {
  name = 'AnonymousRefusalCounts1765500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE anonymous_refusals (
        minute       timestamptz NOT NULL CHECK (minute = date_trunc('minute', minute)),
        route_family text NOT NULL CHECK (length(route_family) <= 40),
        code         text NOT NULL CHECK (length(code) <= 80),
        reason       text NOT NULL CHECK (length(reason) <= 40),
        count        bigint NOT NULL CHECK (count > 0),
        PRIMARY KEY (minute, route_family, code, reason)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE anonymous_refusals`);
  }
}
