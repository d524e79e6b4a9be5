import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Where each referral stands, as the services and the reintegration path report it. */
export class ReferralStatusTracking1764202330000 implements MigrationInterface {
  name = 'ReferralStatusTracking1764202330000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE referrals
        ADD COLUMN status_changed_at timestamptz,
        ADD COLUMN status_reason text,
        ADD COLUMN accepted_by text`);
    await queryRunner.query(
      `UPDATE referrals SET status_changed_at = coalesce(revoked_at, requested_at)`,
    );
    await queryRunner.query(
      `ALTER TABLE referrals ALTER COLUMN status_changed_at SET NOT NULL, ALTER COLUMN status_changed_at SET DEFAULT now()`,
    );
    await queryRunner.query(`
      ALTER TABLE referrals ADD CONSTRAINT referrals_status_check CHECK (status IN (
        'requested', 'sent', 'accepted', 'declined', 'no-capacity', 'in-progress',
        'completed', 'not-completed', 'revoked', 'withdrawn'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE referrals
        DROP CONSTRAINT referrals_status_check,
        DROP COLUMN accepted_by, DROP COLUMN status_reason, DROP COLUMN status_changed_at`);
  }
}
