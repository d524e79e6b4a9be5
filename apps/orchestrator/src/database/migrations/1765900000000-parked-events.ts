import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Events that came before the workflow they are for was started (a referral request ahead of its
 * case's registration), parked until the path starts or their lifetime ends
 * (case-events/parked-events.ts). The envelope holds ids and codes only, as on Kafka.
 */
export class ParkedEvents1765900000000 implements MigrationInterface {
  name = 'ParkedEvents1765900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE parked_events (
        consumer    text NOT NULL,
        event_id    uuid NOT NULL,
        seq         bigserial NOT NULL,
        workflow_id text NOT NULL,
        event_type  text NOT NULL,
        topic       text NOT NULL,
        partition   integer NOT NULL,
        "offset"    bigint NOT NULL,
        envelope    jsonb NOT NULL,
        parked_at   timestamptz NOT NULL DEFAULT now(),
        checked_at  timestamptz,
        PRIMARY KEY (consumer, event_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX parked_events_by_workflow ON parked_events (consumer, workflow_id, seq)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE parked_events`);
  }
}
