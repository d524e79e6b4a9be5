import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Victim-support events held back before they reach the outbox, so that the reference-keyed and
 * the case-keyed event of one referral (or one status) never go out together.
 */
export class VictimSupportDispatch1764202800000 implements MigrationInterface {
  name = 'VictimSupportDispatch1764202800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE victim_support_dispatch (
        id             uuid PRIMARY KEY,
        event_type     text NOT NULL,
        subject        uuid NOT NULL,
        data           jsonb NOT NULL,
        release_after  timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX victim_support_dispatch_due ON victim_support_dispatch (release_after)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE victim_support_dispatch`);
  }
}
