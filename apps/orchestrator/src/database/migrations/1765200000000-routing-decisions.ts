import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The directory's reason for each re-routing choice, kept until the workflow publishes the
 * referral-routed event that carries it (ids and codes only; nothing about the person).
 */
export class RoutingDecisions1765200000000 implements MigrationInterface {
  name = 'RoutingDecisions1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE routing_decisions (
        referral_id uuid NOT NULL,
        provider_id text NOT NULL,
        reason      jsonb NOT NULL,
        decided_at  timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (referral_id, provider_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE routing_decisions`);
  }
}
