import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A consent withdrawal closes and erases a case's inbox referrals: found by case id. */
export class ProviderReferralsByCase1765600310000 implements MigrationInterface {
  name = 'ProviderReferralsByCase1765600310000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX provider_referrals_case ON provider_referrals (case_id, service)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX provider_referrals_case`);
  }
}
