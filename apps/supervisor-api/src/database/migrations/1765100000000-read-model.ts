import type { MigrationInterface, QueryRunner } from 'typeorm';

const AWAITING = `('requested', 'sent', 'no-capacity')`;

/**
 * The supervisor's read model, projected from the Kafka topics. Table names are unqualified on
 * purpose: a rebuild runs these migrations into a fresh schema, fills it from the topics and swaps
 * it in (see projection/rebuild-read-model.ts). Ids, codes and dates only — no personal data.
 */
export class ReadModel1765100000000 implements MigrationInterface {
  name = 'ReadModel1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Next offset to apply per partition, written in the same transaction as the projection:
    // the read model, not the consumer group, says how far it is.
    await queryRunner.query(`
      CREATE TABLE projection_positions (
        topic text NOT NULL,
        partition integer NOT NULL,
        next_offset bigint NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (topic, partition)
      )`);
    await queryRunner.query(`
      CREATE TABLE cases (
        case_id uuid PRIMARY KEY,
        returnee_id uuid,
        episode_number integer,
        municipality_code text,
        district_code text,
        minor boolean,
        return_date date,
        country_returned_from text,
        registered_at timestamptz,
        registered_by text,
        status text,
        phase text NOT NULL DEFAULT 'intake',
        phase_at timestamptz,
        risk_level text,
        assigned_officer text,
        officer text GENERATED ALWAYS AS (coalesce(assigned_officer, registered_by)) STORED,
        plan_id uuid,
        plan_version integer,
        plan_status text CHECK (plan_status IN ('submitted', 'approved')),
        plan_submitted_at timestamptz,
        plan_submitted_by text,
        plan_goal_dimensions text[],
        plan_proposed_referrals integer,
        plan_approved_at timestamptz,
        closure_proposed_reason text,
        closure_proposed_at timestamptz,
        closure_proposed_by text,
        closure_reason text,
        closed_at timestamptz,
        last_event_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX cases_municipality_phase ON cases (municipality_code, phase)`,
    );
    await queryRunner.query(
      `CREATE INDEX cases_municipality_registered ON cases (municipality_code, registered_at DESC)`,
    );
    await queryRunner.query(`CREATE INDEX cases_registered ON cases (registered_at DESC, case_id)`);
    await queryRunner.query(`CREATE INDEX cases_officer ON cases (officer)`);
    await queryRunner.query(
      `CREATE INDEX cases_plan_pending ON cases (plan_submitted_at) WHERE plan_status = 'submitted'`,
    );
    await queryRunner.query(
      `CREATE INDEX cases_closure_pending ON cases (closure_proposed_at)
        WHERE closure_proposed_at IS NOT NULL AND closed_at IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE case_events (
        event_id uuid NOT NULL,
        case_id uuid NOT NULL,
        type text NOT NULL,
        occurred_at timestamptz NOT NULL,
        actor text NOT NULL,
        data jsonb NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (event_id, case_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX case_events_case ON case_events (case_id, occurred_at, recorded_at)`,
    );
    await queryRunner.query(`
      CREATE TABLE referrals (
        referral_id uuid PRIMARY KEY,
        case_id uuid NOT NULL,
        municipality_code text,
        service text,
        priority text,
        provider_ids text[] NOT NULL DEFAULT '{}',
        providers jsonb NOT NULL DEFAULT '{}',
        revoked_at timestamptz,
        status text NOT NULL DEFAULT 'requested',
        reason_code text,
        requested_at timestamptz,
        acknowledge_by timestamptz,
        accepted_at timestamptz,
        accepted_by text,
        completed_at timestamptz,
        escalations integer NOT NULL DEFAULT 0,
        last_escalated_at timestamptz,
        breach_alerted_for timestamptz,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX referrals_case ON referrals (case_id)`);
    await queryRunner.query(
      `CREATE INDEX referrals_awaiting ON referrals (municipality_code, acknowledge_by)
        WHERE status IN ${AWAITING}`,
    );
    await queryRunner.query(
      `CREATE INDEX referrals_awaiting_deadline ON referrals (acknowledge_by) WHERE status IN ${AWAITING}`,
    );
    await queryRunner.query(
      `CREATE INDEX referrals_escalated ON referrals (municipality_code, last_escalated_at DESC)
        WHERE escalations > 0`,
    );
    await queryRunner.query(`CREATE INDEX referrals_service ON referrals (service, requested_at)`);
    await queryRunner.query(`
      CREATE TABLE follow_ups (
        case_id uuid NOT NULL,
        wave integer NOT NULL,
        due_at timestamptz,
        assigned_officer text,
        completed_at timestamptz,
        PRIMARY KEY (case_id, wave)
      )`);
    await queryRunner.query(
      `CREATE INDEX follow_ups_due ON follow_ups (due_at) WHERE completed_at IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE scores (
        assessment_id uuid PRIMARY KEY,
        case_id uuid NOT NULL,
        wave integer NOT NULL,
        economic numeric(4, 3),
        social numeric(4, 3),
        psychosocial numeric(4, 3),
        composite numeric(4, 3),
        computed_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX scores_case ON scores (case_id)`);
    await queryRunner.query(`
      CREATE TABLE enrolments (
        enrolment_id uuid PRIMARY KEY,
        case_id uuid NOT NULL,
        provider_id text NOT NULL,
        status text NOT NULL,
        enrolled_at timestamptz,
        updated_at timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX enrolments_case ON enrolments (case_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DROP TABLE enrolments, scores, follow_ups, referrals, case_events, cases, projection_positions`,
    );
  }
}
