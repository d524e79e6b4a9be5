import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Transfers of a case to another municipality's office: requested with the person's consent (how
 * it was given, and when), then accepted or declined by the receiving office. Ids and codes only.
 */
export class CaseTransfers1765600200000 implements MigrationInterface {
  name = 'CaseTransfers1765600200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE case_transfers (
        id                     uuid PRIMARY KEY,
        case_id                uuid NOT NULL REFERENCES return_episodes (id),
        from_municipality_code text NOT NULL,
        to_municipality_code   text NOT NULL,
        to_district_code       text,
        reason_code            text NOT NULL,
        consent_method         text NOT NULL CHECK (consent_method IN ('verbal', 'written')),
        consent_given_at       timestamptz NOT NULL,
        requested_at           timestamptz NOT NULL,
        requested_by           text NOT NULL,
        status                 text NOT NULL DEFAULT 'requested'
          CHECK (status IN ('requested', 'accepted', 'declined')),
        decided_at             timestamptz,
        decided_by             text,
        decline_reason_code    text,
        CHECK (from_municipality_code <> to_municipality_code),
        CHECK ((status = 'requested') = (decided_at IS NULL))
      )`);
    // One request waits per case; the receiving office lists what waits for it.
    await queryRunner.query(`
      CREATE UNIQUE INDEX case_transfers_pending ON case_transfers (case_id)
        WHERE status = 'requested'`);
    await queryRunner.query(`
      CREATE INDEX case_transfers_incoming ON case_transfers (to_municipality_code, requested_at)
        WHERE status = 'requested'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE case_transfers`);
  }
}
