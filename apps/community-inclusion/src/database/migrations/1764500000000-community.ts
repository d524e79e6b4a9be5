import type { MigrationInterface, QueryRunner } from 'typeorm';
import { dropAppendOnly, makeAppendOnly } from '@reintegra/platform-database';

/**
 * Activities, participants of mixed origin with their consents, memberships, sessions and
 * attendance, community referrals, co-design, pulse surveys and facilitator-only reflection notes.
 * What is deliberately absent: a DUI or any intake record, and who asked for a referral (a person
 * referred by victim support looks like anyone else here).
 */
export class Community1764500000000 implements MigrationInterface {
  name = 'Community1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE activities (
        id                uuid PRIMARY KEY,
        provider_id       text NOT NULL,
        municipality_code text NOT NULL,
        district_code     text,
        public_space      text NOT NULL,
        kind              text NOT NULL CHECK (kind IN ('sport', 'arts', 'culture', 'dialogue-circle',
                            'mentoring', 'community-project', 'recreation')),
        title             text NOT NULL,
        schedule          text NOT NULL,
        starts_on         date NOT NULL,
        ends_on           date,
        capacity          integer NOT NULL CHECK (capacity BETWEEN 1 AND 1000),
        seats_taken       integer NOT NULL DEFAULT 0,
        target_groups     text[] NOT NULL DEFAULT '{}',
        languages         text[] NOT NULL DEFAULT '{es}',
        facilitators      text[] NOT NULL DEFAULT '{}',
        open              boolean NOT NULL DEFAULT true,
        version           integer NOT NULL DEFAULT 1,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now(),
        CHECK (seats_taken BETWEEN 0 AND capacity),
        CHECK (ends_on IS NULL OR ends_on >= starts_on)
      )`);
    await queryRunner.query(
      `CREATE INDEX activities_municipality ON activities (municipality_code, open)`,
    );
    // Returnees are known by case reference only; everyone else by minimal, self-declared data.
    await queryRunner.query(`
      CREATE TABLE participants (
        id                uuid PRIMARY KEY,
        origin            text NOT NULL
                          CHECK (origin IN ('returnee', 'resident', 'family', 'diaspora', 'official')),
        case_id           uuid UNIQUE,
        display_name      text,
        age_band          text CHECK (age_band IN ('under-15', '15-17', '18-24', '25-34', '35-49',
                            '50-64', '65-plus')),
        sex               text CHECK (sex IN ('female', 'male', 'other', 'not-said')),
        neighbourhood     text,
        municipality_code text NOT NULL,
        erased_at         timestamptz,
        created_at        timestamptz NOT NULL DEFAULT now(),
        CHECK ((origin = 'returnee') = (case_id IS NOT NULL)),
        CHECK (origin <> 'returnee' OR (display_name IS NULL AND neighbourhood IS NULL))
      )`);
    // Consent of residents, family, diaspora and officials, recorded here (returnees: intake's).
    await queryRunner.query(`
      CREATE TABLE participant_consents (
        id             uuid PRIMARY KEY,
        participant_id uuid NOT NULL REFERENCES participants (id),
        purpose        text NOT NULL CHECK (purpose IN ('participation', 'survey')),
        form_version   text NOT NULL,
        granted_at     timestamptz NOT NULL,
        withdrawn_at   timestamptz,
        recorded_by    text NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX participant_consents_participant ON participant_consents (participant_id)`,
    );
    // Intake's consents to a community referral (purpose service-referral, scope community).
    await queryRunner.query(`
      CREATE TABLE case_consents (
        consent_id   uuid PRIMARY KEY,
        case_id      uuid NOT NULL,
        granted_at   timestamptz NOT NULL,
        withdrawn_at timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX case_consents_case ON case_consents (case_id)`);
    // No reason code and no requesting service: only what routing needs.
    await queryRunner.query(`
      CREATE TABLE referrals (
        id            uuid PRIMARY KEY,
        case_id       uuid NOT NULL,
        provider_ids  text[] NOT NULL,
        priority      text NOT NULL,
        consent_id    uuid NOT NULL,
        status        text NOT NULL CHECK (status IN ('received', 'accepted', 'in-progress',
                        'completed', 'declined', 'not-completed', 'revoked', 'withdrawn')),
        provider_id   text,
        membership_id uuid,
        reason_code   text,
        received_at   timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX referrals_case ON referrals (case_id)`);
    await queryRunner.query(`
      CREATE TABLE memberships (
        id             uuid PRIMARY KEY,
        activity_id    uuid NOT NULL REFERENCES activities (id),
        participant_id uuid NOT NULL REFERENCES participants (id),
        referral_id    uuid REFERENCES referrals (id),
        joined_on      date NOT NULL,
        status         text NOT NULL CHECK (status IN ('active', 'completed', 'withdrawn')),
        reason_code    text,
        attended_once  boolean NOT NULL DEFAULT false,
        sustained_at   timestamptz,
        dropped_off_at timestamptz,
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now(),
        UNIQUE (activity_id, participant_id)
      )`);
    await queryRunner.query(`CREATE INDEX memberships_participant ON memberships (participant_id)`);
    // A session's id may come from the facilitator's phone (offline): a replay is the same session.
    await queryRunner.query(`
      CREATE TABLE sessions (
        id          uuid PRIMARY KEY,
        activity_id uuid NOT NULL REFERENCES activities (id),
        held_on     date NOT NULL,
        sensitive   boolean NOT NULL DEFAULT false,
        created_by  text NOT NULL,
        created_at  timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX sessions_activity_day ON sessions (activity_id, held_on)`,
    );
    // One mark per person and session; mark_id is generated on the phone, so a replayed queue
    // writes nothing new.
    await queryRunner.query(`
      CREATE TABLE attendance (
        session_id     uuid NOT NULL REFERENCES sessions (id),
        participant_id uuid NOT NULL REFERENCES participants (id),
        mark_id        uuid NOT NULL UNIQUE,
        present        boolean NOT NULL,
        marked_at      timestamptz NOT NULL,
        recorded_by    text NOT NULL,
        PRIMARY KEY (session_id, participant_id)
      )`);
    await queryRunner.query(`CREATE INDEX attendance_participant ON attendance (participant_id)`);
    await queryRunner.query(`
      CREATE TABLE reflection_notes (
        id         uuid PRIMARY KEY,
        session_id uuid NOT NULL REFERENCES sessions (id),
        author     text NOT NULL,
        notes      text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX reflection_notes_session ON reflection_notes (session_id)`,
    );
    // Who read or wrote reflection notes, or was refused: never their content.
    await queryRunner.query(`
      CREATE TABLE reflection_audit (
        id         bigserial PRIMARY KEY,
        at         timestamptz NOT NULL DEFAULT now(),
        actor      text NOT NULL,
        action     text NOT NULL CHECK (action IN ('write', 'read', 'refused')),
        session_id uuid NOT NULL
      )`);
    await makeAppendOnly(queryRunner, 'reflection_audit');
    await queryRunner.query(`
      CREATE TABLE proposals (
        id                   uuid PRIMARY KEY,
        activity_id          uuid NOT NULL REFERENCES activities (id),
        proposed_by          uuid REFERENCES participants (id),
        title                text NOT NULL,
        description          text NOT NULL DEFAULT '',
        kind                 text,
        status               text NOT NULL DEFAULT 'open'
                             CHECK (status IN ('open', 'adopted', 'not-adopted')),
        decision_reason_code text,
        decided_by           text,
        decided_at           timestamptz,
        created_at           timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX proposals_activity ON proposals (activity_id)`);
    await queryRunner.query(`
      CREATE TABLE votes (
        id             uuid PRIMARY KEY,
        proposal_id    uuid NOT NULL REFERENCES proposals (id),
        participant_id uuid NOT NULL REFERENCES participants (id),
        cast_at        timestamptz NOT NULL DEFAULT now(),
        UNIQUE (proposal_id, participant_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE survey_responses (
        id                    uuid PRIMARY KEY,
        activity_id           uuid NOT NULL REFERENCES activities (id),
        participant_id        uuid NOT NULL REFERENCES participants (id),
        questionnaire_version text NOT NULL,
        wave                  text NOT NULL CHECK (wave IN ('pre', 'post')),
        answers               jsonb NOT NULL,
        submitted_at          timestamptz NOT NULL DEFAULT now(),
        UNIQUE (activity_id, participant_id, wave)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'survey_responses',
      'votes',
      'proposals',
      'reflection_audit',
      'reflection_notes',
      'attendance',
      'sessions',
      'memberships',
      'referrals',
      'case_consents',
      'participant_consents',
      'participants',
      'activities',
    ]) {
      await queryRunner.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await dropAppendOnly(queryRunner, 'reflection_audit');
  }
}
