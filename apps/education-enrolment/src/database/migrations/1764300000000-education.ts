import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Catalogue (providers, programmes, cohorts), learners, enrolments with their waitlist,
 * attendance and referrals. Constraints repeat the domain rules the database can hold, so that no
 * code path can write an over-booked cohort or a second live enrolment of one case in a cohort.
 */
export class Education1764300000000 implements MigrationInterface {
  name = 'Education1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Provider id = the organisation id carried by its staff's tokens.
    await queryRunner.query(`
      CREATE TABLE providers (
        id                text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$'),
        name              text NOT NULL,
        kind              text NOT NULL CHECK (kind IN ('school', 'training-centre', 'ngo')),
        municipality_code text NOT NULL,
        created_at        timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE programmes (
        id                 uuid PRIMARY KEY,
        provider_id        text NOT NULL REFERENCES providers (id),
        name               text NOT NULL,
        level              text NOT NULL CHECK (level IN ('literacy', 'basic', 'secondary', 'vocational')),
        modality           text NOT NULL
                           CHECK (modality IN ('regular', 'accelerated', 'distance', 'weekend', 'night')),
        school_re_entry    boolean NOT NULL,
        min_age            integer NOT NULL CHECK (min_age BETWEEN 0 AND 120),
        max_age            integer CHECK (max_age BETWEEN 0 AND 120),
        min_last_grade     integer NOT NULL CHECK (min_last_grade BETWEEN 0 AND 12),
        documents_required text[] NOT NULL DEFAULT '{}',
        created_at         timestamptz NOT NULL DEFAULT now(),
        CHECK (max_age IS NULL OR max_age >= min_age)
      )`);
    await queryRunner.query(`CREATE INDEX programmes_provider ON programmes (provider_id)`);
    // seats_taken is kept in step with the enrolled/attending rows under the cohort row lock;
    // the CHECK makes an over-booking impossible even if a future code path forgets the lock.
    await queryRunner.query(`
      CREATE TABLE cohorts (
        id                 uuid PRIMARY KEY,
        programme_id       uuid NOT NULL REFERENCES programmes (id),
        provider_id        text NOT NULL REFERENCES providers (id),
        name               text NOT NULL,
        seats              integer NOT NULL CHECK (seats BETWEEN 1 AND 10000),
        seats_taken        integer NOT NULL DEFAULT 0,
        next_waitlist_pos  bigint NOT NULL DEFAULT 1,
        schedule           text NOT NULL,
        municipality_code  text NOT NULL,
        starts_on          date NOT NULL,
        ends_on            date NOT NULL,
        open               boolean NOT NULL DEFAULT true,
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT cohorts_dates_in_order CHECK (ends_on >= starts_on),
        CONSTRAINT cohorts_never_over_booked CHECK (seats_taken BETWEEN 0 AND seats)
      )`);
    await queryRunner.query(`CREATE INDEX cohorts_provider ON cohorts (provider_id)`);
    await queryRunner.query(`CREATE INDEX cohorts_municipality ON cohorts (municipality_code)`);
    // Personal data needed for eligibility stays in this service; events carry the case id only.
    await queryRunner.query(`
      CREATE TABLE learners (
        case_id               uuid PRIMARY KEY,
        date_of_birth         date NOT NULL,
        last_grade_completed  integer NOT NULL CHECK (last_grade_completed BETWEEN 0 AND 12),
        documents             text[] NOT NULL DEFAULT '{}',
        guardian_name         text,
        guardian_relationship text,
        guardian_phone        text,
        updated_at            timestamptz NOT NULL DEFAULT now(),
        CHECK ((guardian_name IS NULL) = (guardian_relationship IS NULL))
      )`);
    await queryRunner.query(`
      CREATE TABLE enrolments (
        id                   uuid PRIMARY KEY,
        cohort_id            uuid NOT NULL REFERENCES cohorts (id),
        case_id              uuid NOT NULL REFERENCES learners (case_id),
        referral_id          uuid,
        status               text NOT NULL CHECK (status IN
                               ('pending', 'waitlisted', 'enrolled', 'attending', 'completed', 'dropped')),
        waitlist_position    bigint,
        reason_code          text,
        consecutive_absences integer NOT NULL DEFAULT 0 CHECK (consecutive_absences >= 0),
        requested_at         timestamptz NOT NULL DEFAULT now(),
        updated_at           timestamptz NOT NULL DEFAULT now(),
        CHECK ((status = 'waitlisted') = (waitlist_position IS NOT NULL)),
        CHECK (status <> 'dropped' OR reason_code IS NOT NULL)
      )`);
    // One live enrolment per case and cohort: the race between two requests is settled here.
    await queryRunner.query(`
      CREATE UNIQUE INDEX enrolments_one_live_per_case ON enrolments (cohort_id, case_id)
        WHERE status IN ('pending', 'waitlisted', 'enrolled', 'attending')`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX enrolments_waitlist_order ON enrolments (cohort_id, waitlist_position)
        WHERE status = 'waitlisted'`);
    await queryRunner.query(`CREATE INDEX enrolments_case ON enrolments (case_id)`);
    await queryRunner.query(`
      CREATE TABLE attendance_sessions (
        id         uuid PRIMARY KEY,
        cohort_id  uuid NOT NULL REFERENCES cohorts (id),
        held_on    date NOT NULL,
        recorded_by text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (cohort_id, held_on)
      )`);
    await queryRunner.query(`
      CREATE TABLE attendance_records (
        session_id    uuid NOT NULL REFERENCES attendance_sessions (id),
        enrolment_id  uuid NOT NULL REFERENCES enrolments (id),
        present       boolean NOT NULL,
        PRIMARY KEY (session_id, enrolment_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE referrals (
        id            uuid PRIMARY KEY,
        case_id       uuid NOT NULL,
        provider_ids  text[] NOT NULL,
        priority      text NOT NULL,
        status        text NOT NULL CHECK (status IN
                        ('received', 'accepted', 'declined', 'no-capacity', 'revoked', 'withdrawn')),
        provider_id   text,
        enrolment_id  uuid REFERENCES enrolments (id),
        reason_code   text,
        received_at   timestamptz NOT NULL DEFAULT now(),
        updated_at    timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX referrals_case ON referrals (case_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'referrals',
      'attendance_records',
      'attendance_sessions',
      'enrolments',
      'learners',
      'cohorts',
      'programmes',
      'providers',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
