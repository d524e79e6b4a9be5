import type { MigrationInterface, QueryRunner } from 'typeorm';

// Frozen here, as in the read model's first migration: a migration must not change with the code.
const AWAITING = `('requested', 'sent', 'no-capacity')`;

/**
 * Each case's earliest deadline among its referrals still awaiting an answer, kept by the
 * projection (ReadModelProjector): "cases with an overdue referral" becomes an index range instead
 * of a semi-join of every case with the referrals (benchmarks/ supervisor-dashboard: the national
 * overdue list's total at 50,000 cases).
 */
export class CaseAwaitingDeadline1765700100000 implements MigrationInterface {
  name = 'CaseAwaitingDeadline1765700100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE cases ADD COLUMN awaiting_deadline timestamptz`);
    await queryRunner.query(
      `UPDATE cases c SET awaiting_deadline = r.deadline
         FROM (SELECT case_id, min(acknowledge_by) AS deadline FROM referrals
                WHERE status IN ${AWAITING} GROUP BY case_id) r
        WHERE r.case_id = c.case_id`,
    );
    await queryRunner.query(
      `CREATE INDEX cases_awaiting_deadline ON cases (awaiting_deadline)
        WHERE registered_at IS NOT NULL AND awaiting_deadline IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX cases_awaiting_deadline`);
    await queryRunner.query(`ALTER TABLE cases DROP COLUMN awaiting_deadline`);
  }
}
