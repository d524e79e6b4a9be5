import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ConsentsAndReferrals1764201800000 implements MigrationInterface {
  name = 'ConsentsAndReferrals1764201800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE consents (
        id            uuid PRIMARY KEY,
        case_id       uuid NOT NULL REFERENCES return_episodes (id),
        purpose       text NOT NULL CHECK (purpose IN ('service-referral', 'partner-sharing', 'statistics', 'contact')),
        scope         text,
        form_version  text NOT NULL,
        granted_at    timestamptz NOT NULL,
        granted_by    text NOT NULL,
        withdrawn_at  timestamptz,
        withdrawn_by  text,
        CHECK ((withdrawn_at IS NULL) = (withdrawn_by IS NULL))
      )`);
    // At most one active consent per case, purpose and scope.
    await queryRunner.query(`
      CREATE UNIQUE INDEX consents_active ON consents (case_id, purpose, coalesce(scope, ''))
        WHERE withdrawn_at IS NULL`);
    await queryRunner.query(`
      CREATE TABLE referrals (
        id               uuid PRIMARY KEY,
        case_id          uuid NOT NULL REFERENCES return_episodes (id),
        consent_id       uuid NOT NULL REFERENCES consents (id),
        service          text NOT NULL,
        priority         text NOT NULL CHECK (priority IN ('emergency', 'urgent', 'normal')),
        provider_ids     text[] NOT NULL CHECK (cardinality(provider_ids) BETWEEN 1 AND 10),
        reason_code      text,
        status           text NOT NULL,
        acknowledge_by   timestamptz NOT NULL,
        requested_at     timestamptz NOT NULL,
        requested_by     text NOT NULL,
        revoked_at       timestamptz,
        revoke_reason    text
      )`);
    await queryRunner.query(`CREATE INDEX referrals_case ON referrals (case_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE referrals`);
    await queryRunner.query(`DROP TABLE consents`);
  }
}
