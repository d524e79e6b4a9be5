import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Contact consents per case and the delivery log. No names, addresses or message bodies: the
 * person's address is asked from intake at send time and never stored; a delivery keeps the ids,
 * codes and dates its template needs, the channel used and how it went.
 */
export class Notifications1765300000000 implements MigrationInterface {
  name = 'Notifications1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE contact_consents (
        consent_id   uuid PRIMARY KEY,
        case_id      uuid NOT NULL,
        granted_at   timestamptz,
        withdrawn_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX contact_consents_case ON contact_consents (case_id)`);
    await queryRunner.query(`
      CREATE TABLE deliveries (
        id               uuid PRIMARY KEY,
        event_id         uuid NOT NULL,
        recipient        text NOT NULL CHECK (recipient IN ('person', 'officer')),
        case_id          uuid NOT NULL,
        officer_id       text,
        template         text NOT NULL,
        language         text NOT NULL CHECK (language IN ('es', 'en')),
        params           jsonb NOT NULL,
        channel          text CHECK (channel IN ('email', 'sms', 'whatsapp')),
        status           text NOT NULL CHECK (status IN ('pending', 'sent', 'skipped', 'dead-lettered')),
        reason           text,
        attempts         integer NOT NULL DEFAULT 0,
        last_error       text,
        next_attempt_at  timestamptz NOT NULL DEFAULT now(),
        lease_until      timestamptz,
        source_event     jsonb NOT NULL,
        source_topic     text NOT NULL,
        source_partition integer NOT NULL,
        source_offset    text NOT NULL,
        created_at       timestamptz NOT NULL DEFAULT now(),
        updated_at       timestamptz NOT NULL DEFAULT now(),
        sent_at          timestamptz,
        UNIQUE (event_id, recipient)
      )`);
    await queryRunner.query(
      `CREATE INDEX deliveries_pending ON deliveries (next_attempt_at) WHERE status = 'pending'`,
    );
    await queryRunner.query(`CREATE INDEX deliveries_case ON deliveries (case_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE deliveries`);
    await queryRunner.query(`DROP TABLE contact_consents`);
  }
}
