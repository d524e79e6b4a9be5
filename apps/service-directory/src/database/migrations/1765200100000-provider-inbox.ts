import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Referrals addressed to outside organisations registered in the directory: one row per referral
 * and organisation asked. Ids, codes and the need-to-know facts of the service type only
 * (inbox/need-to-know.ts); the case id is kept to answer the closed loop and never shown.
 */
export class ProviderInbox1765200100000 implements MigrationInterface {
  name = 'ProviderInbox1765200100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE provider_referrals (
        referral_id     uuid NOT NULL,
        organization_id text NOT NULL,
        case_id         uuid NOT NULL,
        service         text NOT NULL,
        priority        text NOT NULL,
        acknowledge_by  timestamptz,
        status          text NOT NULL CHECK (status IN ('asked', 'accepted', 'declined', 'no-capacity',
                          'in-progress', 'completed', 'not-completed', 'withdrawn', 'revoked')),
        reason_code     text,
        facts           jsonb NOT NULL DEFAULT '{}',
        asked_at        timestamptz NOT NULL DEFAULT now(),
        updated_at      timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (referral_id, organization_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX provider_referrals_inbox ON provider_referrals (organization_id, asked_at DESC)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE provider_referrals`);
  }
}
