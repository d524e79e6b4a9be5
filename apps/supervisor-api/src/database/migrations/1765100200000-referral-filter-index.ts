import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The case list's service/priority filters within one municipality (measured: benchmarks/). */
export class ReferralFilterIndex1765100200000 implements MigrationInterface {
  name = 'ReferralFilterIndex1765100200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX referrals_municipality_service ON referrals (municipality_code, service, priority)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX referrals_municipality_service`);
  }
}
