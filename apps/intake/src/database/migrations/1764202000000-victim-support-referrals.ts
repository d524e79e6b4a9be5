import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The only place that links a victim-support pseudonymous reference to a case. Victim support
 * knows the reference alone; the path knows the case-keyed referral id alone.
 */
export class VictimSupportReferrals1764202000000 implements MigrationInterface {
  name = 'VictimSupportReferrals1764202000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE victim_support_referrals (
        reference           uuid PRIMARY KEY,
        referral_id         uuid NOT NULL UNIQUE REFERENCES referrals (id),
        case_id             uuid NOT NULL REFERENCES return_episodes (id),
        requested_services  text[] NOT NULL,
        status              text NOT NULL,
        updated_at          timestamptz NOT NULL
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE victim_support_referrals`);
  }
}
