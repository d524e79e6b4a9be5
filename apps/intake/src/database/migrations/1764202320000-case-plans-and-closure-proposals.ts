import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The reintegration plan of a case (one per case, versioned for If-Match) and closure proposals. */
export class CasePlansAndClosureProposals1764202320000 implements MigrationInterface {
  name = 'CasePlansAndClosureProposals1764202320000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE case_plans (
        id                 uuid PRIMARY KEY,
        case_id            uuid NOT NULL UNIQUE REFERENCES return_episodes (id),
        status             text NOT NULL CHECK (status IN ('draft', 'submitted', 'approved')),
        goals              jsonb NOT NULL,
        proposed_referrals jsonb NOT NULL,
        version            integer NOT NULL CHECK (version >= 1),
        created_at         timestamptz NOT NULL,
        created_by         text NOT NULL,
        updated_at         timestamptz NOT NULL,
        submitted_at       timestamptz,
        submitted_by       text,
        approved_at        timestamptz,
        approved_by        text,
        rejected_at        timestamptz,
        rejected_by        text,
        rejection_reason   text,
        referral_outcomes  jsonb,
        CHECK (status = 'draft' OR submitted_at IS NOT NULL),
        CHECK ((status = 'approved') = (approved_at IS NOT NULL))
      )`);
    await queryRunner.query(`
      CREATE TABLE case_closure_proposals (
        id           uuid PRIMARY KEY,
        case_id      uuid NOT NULL REFERENCES return_episodes (id),
        reason       text NOT NULL
          CHECK (reason IN ('reintegrated', 'disengaged', 're-migrated', 'transferred', 'deceased')),
        proposed_at  timestamptz NOT NULL,
        proposed_by  text NOT NULL,
        decided_at   timestamptz,
        decision     text CHECK (decision IN ('closed', 'superseded')),
        CHECK ((decided_at IS NULL) = (decision IS NULL))
      )`);
    // At most one proposal awaits the supervisor per case.
    await queryRunner.query(`
      CREATE UNIQUE INDEX case_closure_proposals_pending ON case_closure_proposals (case_id)
        WHERE decided_at IS NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE case_closure_proposals`);
    await queryRunner.query(`DROP TABLE case_plans`);
  }
}
