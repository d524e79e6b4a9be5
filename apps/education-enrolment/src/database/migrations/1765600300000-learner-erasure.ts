import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consent withdrawal: a learner's personal data can be erased while the case id, its enrolments,
 * attendance and referrals stay (see ConsentWithdrawal). An erased row holds nothing personal
 * (the CHECK makes a half-erased row impossible); a live one still holds what eligibility needs.
 * `consent_withdrawals` remembers withdrawn consents, so a referral that rests on one and arrives
 * late is withdrawn as soon as it is received.
 */
export class LearnerErasure1765600300000 implements MigrationInterface {
  name = 'LearnerErasure1765600300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE learners
        ALTER COLUMN date_of_birth DROP NOT NULL,
        ALTER COLUMN last_grade_completed DROP NOT NULL,
        ADD COLUMN erased_at timestamptz,
        ADD CONSTRAINT learners_erased_or_complete CHECK (
          CASE WHEN erased_at IS NULL
            THEN date_of_birth IS NOT NULL AND last_grade_completed IS NOT NULL
            ELSE date_of_birth IS NULL AND last_grade_completed IS NULL AND documents = '{}'
                 AND guardian_name IS NULL AND guardian_relationship IS NULL
                 AND guardian_phone IS NULL
          END)`);
    await queryRunner.query(`
      CREATE TABLE consent_withdrawals (
        consent_id   uuid PRIMARY KEY,
        case_id      uuid NOT NULL,
        withdrawn_at timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE consent_withdrawals`);
    // The two columns stay nullable: an erased row cannot get its data back.
    await queryRunner.query(`
      ALTER TABLE learners DROP CONSTRAINT learners_erased_or_complete, DROP COLUMN erased_at`);
  }
}
