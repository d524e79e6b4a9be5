import type { MigrationInterface, QueryRunner } from 'typeorm';

/** When the referral's current deadline was set: an older routing fact arriving late must not replace it. */
export class ReferralDeadlineSetAt1765100100000 implements MigrationInterface {
  name = 'ReferralDeadlineSetAt1765100100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE referrals ADD COLUMN deadline_set_at timestamptz`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE referrals DROP COLUMN deadline_set_at`);
  }
}
