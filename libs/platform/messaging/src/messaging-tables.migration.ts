import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Transactional outbox (events written in the same transaction as the state change, then relayed
 * to Kafka) and inbox (event ids already processed, so a redelivered message has no second
 * effect). Every service database includes this migration.
 */
export class MessagingTables1764201600000 implements MigrationInterface {
  name = 'MessagingTables1764201600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outbox_messages (
        position     bigserial PRIMARY KEY,
        event_id     uuid NOT NULL UNIQUE,
        topic        text NOT NULL,
        message_key  text NOT NULL,
        payload      jsonb NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        attempts     integer NOT NULL DEFAULT 0,
        last_error   text
      )`);
    await queryRunner.query(
      `CREATE INDEX outbox_messages_pending ON outbox_messages (position) WHERE published_at IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE inbox_messages (
        consumer     text NOT NULL,
        event_id     uuid NOT NULL,
        event_type   text NOT NULL,
        topic        text NOT NULL,
        partition    integer NOT NULL,
        "offset"     bigint NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, event_id)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE inbox_messages`);
    await queryRunner.query(`DROP TABLE outbox_messages`);
  }
}
