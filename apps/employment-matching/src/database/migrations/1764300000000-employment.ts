import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Candidates (created by referrals), their referrals and consents, employers and vacancies,
 * placements with retention checks, competence recognition, workshop-school cohorts and
 * entrepreneurship projects. Constraints repeat the rules the database can hold, so that no code
 * path can fill more posts or seats than exist, or keep two live proposals of one person to one
 * vacancy.
 */
export class Employment1764300000000 implements MigrationInterface {
  name = 'Employment1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Routing facts intake publishes for every case (residence codes, minor flag): they give a
    // candidate its municipality and the legal-age rule. Codes only.
    await queryRunner.query(`
      CREATE TABLE case_residence (
        case_id            uuid PRIMARY KEY,
        municipality_code  text NOT NULL,
        district_code      text,
        minor              boolean NOT NULL,
        updated_at         timestamptz NOT NULL DEFAULT now()
      )`);
    // Consents this service honours: partner-sharing with employers, service-referral to employment.
    await queryRunner.query(`
      CREATE TABLE consents (
        consent_id    uuid PRIMARY KEY,
        case_id       uuid NOT NULL,
        purpose       text NOT NULL CHECK (purpose IN ('partner-sharing', 'service-referral')),
        scope         text NOT NULL,
        granted_at    timestamptz NOT NULL,
        withdrawn_at  timestamptz
      )`);
    await queryRunner.query(`CREATE INDEX consents_case ON consents (case_id)`);
    // A candidate exists once an employment referral arrives. display_name and contact_phone are
    // the only personal data here (entered by the caseworker, erased when consent is withdrawn);
    // code is the pseudonym employers see without partner-sharing consent. The match features
    // (codes, arrays, schedule bit mask) sit on the row so that ranking reads one table.
    await queryRunner.query(`
      CREATE TABLE candidates (
        case_id                  uuid PRIMARY KEY,
        code                     text NOT NULL UNIQUE,
        open                     boolean NOT NULL DEFAULT true,
        consent_withdrawn        boolean NOT NULL DEFAULT false,
        referred_to              text[] NOT NULL DEFAULT '{}',
        municipality_code        text,
        district_code            text,
        minor                    boolean NOT NULL DEFAULT false,
        display_name             text,
        contact_phone            text,
        profiled                 boolean NOT NULL DEFAULT false,
        occupations              jsonb NOT NULL DEFAULT '[]',
        isco_codes               text[] NOT NULL DEFAULT '{}',
        skills                   text[] NOT NULL DEFAULT '{}',
        certifications           text[] NOT NULL DEFAULT '{}',
        preferred_municipalities text[] NOT NULL DEFAULT '{}',
        availability             integer NOT NULL DEFAULT 0 CHECK (availability BETWEEN 0 AND 2097151),
        version                  integer NOT NULL DEFAULT 1,
        created_at               timestamptz NOT NULL DEFAULT now(),
        updated_at               timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX candidates_referred_to ON candidates USING gin (referred_to)`,
    );
    await queryRunner.query(
      `CREATE INDEX candidates_municipality ON candidates (municipality_code)`,
    );
    await queryRunner.query(
      `CREATE INDEX candidates_matchable ON candidates (case_id) WHERE open AND profiled`,
    );
    await queryRunner.query(`
      CREATE TABLE referrals (
        id             uuid PRIMARY KEY,
        case_id        uuid NOT NULL REFERENCES candidates (case_id),
        provider_ids   text[] NOT NULL,
        priority       text NOT NULL,
        status         text NOT NULL CHECK (status IN ('received', 'accepted', 'no-capacity',
                         'in-progress', 'declined', 'completed', 'not-completed', 'revoked',
                         'withdrawn')),
        provider_id    text,
        reason_code    text,
        acknowledge_by timestamptz NOT NULL,
        received_at    timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now(),
        CHECK (status NOT IN ('accepted', 'in-progress', 'completed', 'not-completed')
               OR provider_id IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE INDEX referrals_case ON referrals (case_id)`);
    await queryRunner.query(
      `CREATE INDEX referrals_providers ON referrals USING gin (provider_ids)`,
    );
    await queryRunner.query(`
      CREATE TABLE recognitions (
        id                  uuid PRIMARY KEY,
        case_id             uuid NOT NULL REFERENCES candidates (case_id),
        isco_code           text NOT NULL,
        certification_code  text NOT NULL,
        status              text NOT NULL CHECK (status IN
                              ('requested', 'assessed', 'certified', 'not-certified')),
        reason_code         text,
        version             integer NOT NULL DEFAULT 1,
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now(),
        CHECK (status <> 'not-certified' OR reason_code IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE INDEX recognitions_case ON recognitions (case_id)`);
    // Employer id = the organisation id carried by its partner accounts' tokens.
    await queryRunner.query(`
      CREATE TABLE employers (
        id                text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$'),
        name              text NOT NULL,
        municipality_code text NOT NULL,
        created_at        timestamptz NOT NULL DEFAULT now()
      )`);
    // posts_filled moves only under the vacancy row lock; the CHECK makes over-filling impossible
    // even if a future code path forgets the lock.
    await queryRunner.query(`
      CREATE TABLE vacancies (
        id                      uuid PRIMARY KEY,
        employer_id             text NOT NULL REFERENCES employers (id),
        title                   text NOT NULL,
        isco_code               text NOT NULL CHECK (isco_code ~ '^[0-9]{4}$'),
        required_skills         text[] NOT NULL DEFAULT '{}',
        desirable_skills        text[] NOT NULL DEFAULT '{}',
        required_certifications text[] NOT NULL DEFAULT '{}',
        min_experience_years    integer NOT NULL DEFAULT 0 CHECK (min_experience_years BETWEEN 0 AND 50),
        municipality_code       text NOT NULL,
        district_code           text,
        schedule                integer NOT NULL CHECK (schedule BETWEEN 1 AND 2097151),
        adults_only             boolean NOT NULL DEFAULT false,
        posts                   integer NOT NULL CHECK (posts BETWEEN 1 AND 1000),
        posts_filled            integer NOT NULL DEFAULT 0,
        open                    boolean NOT NULL DEFAULT true,
        version                 integer NOT NULL DEFAULT 1,
        created_at              timestamptz NOT NULL DEFAULT now(),
        updated_at              timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT vacancies_never_over_filled CHECK (posts_filled BETWEEN 0 AND posts)
      )`);
    await queryRunner.query(`CREATE INDEX vacancies_employer ON vacancies (employer_id)`);
    await queryRunner.query(`CREATE INDEX vacancies_open ON vacancies (id) WHERE open`);
    await queryRunner.query(`
      CREATE TABLE placements (
        id             uuid PRIMARY KEY,
        vacancy_id     uuid NOT NULL REFERENCES vacancies (id),
        case_id        uuid NOT NULL REFERENCES candidates (case_id),
        referral_id    uuid REFERENCES referrals (id),
        employer_id    text NOT NULL REFERENCES employers (id),
        provider_id    text NOT NULL,
        status         text NOT NULL CHECK (status IN
                         ('proposed', 'interviewing', 'hired', 'not-hired', 'withdrawn')),
        reason_code    text,
        score          numeric(5, 1) NOT NULL,
        explanation    jsonb NOT NULL,
        interview_at   timestamptz,
        starts_on      date,
        retention_30   boolean,
        retention_90   boolean,
        left_reason    text,
        version        integer NOT NULL DEFAULT 1,
        created_at     timestamptz NOT NULL DEFAULT now(),
        updated_at     timestamptz NOT NULL DEFAULT now(),
        CHECK (status NOT IN ('not-hired', 'withdrawn') OR reason_code IS NOT NULL),
        CHECK ((status = 'hired') = (starts_on IS NOT NULL)),
        CHECK (retention_90 IS NULL OR retention_30)
      )`);
    // One live proposal per person and vacancy: a race between two proposals is settled here.
    await queryRunner.query(`
      CREATE UNIQUE INDEX placements_one_live_per_case ON placements (vacancy_id, case_id)
        WHERE status IN ('proposed', 'interviewing', 'hired')`);
    await queryRunner.query(`CREATE INDEX placements_case ON placements (case_id)`);
    await queryRunner.query(`CREATE INDEX placements_employer ON placements (employer_id)`);
    // Workshop-school cohorts: same seat technique as vacancies (row lock + CHECK).
    await queryRunner.query(`
      CREATE TABLE workshops (
        id                  uuid PRIMARY KEY,
        provider_id         text NOT NULL,
        name                text NOT NULL,
        trade_isco_code     text NOT NULL CHECK (trade_isco_code ~ '^[0-9]{4}$'),
        certification_code  text NOT NULL,
        municipality_code   text NOT NULL,
        seats               integer NOT NULL CHECK (seats BETWEEN 1 AND 500),
        seats_taken         integer NOT NULL DEFAULT 0,
        starts_on           date NOT NULL,
        ends_on             date NOT NULL,
        open                boolean NOT NULL DEFAULT true,
        created_at          timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_on >= starts_on),
        CONSTRAINT workshops_never_over_booked CHECK (seats_taken BETWEEN 0 AND seats)
      )`);
    await queryRunner.query(`CREATE INDEX workshops_provider ON workshops (provider_id)`);
    await queryRunner.query(`
      CREATE TABLE workshop_enrolments (
        id           uuid PRIMARY KEY,
        workshop_id  uuid NOT NULL REFERENCES workshops (id),
        case_id      uuid NOT NULL REFERENCES candidates (case_id),
        referral_id  uuid REFERENCES referrals (id),
        status       text NOT NULL CHECK (status IN ('enrolled', 'completed', 'certified', 'dropped')),
        reason_code  text,
        created_at   timestamptz NOT NULL DEFAULT now(),
        updated_at   timestamptz NOT NULL DEFAULT now(),
        CHECK (status <> 'dropped' OR reason_code IS NOT NULL)
      )`);
    await queryRunner.query(`
      CREATE UNIQUE INDEX workshop_enrolments_one_per_case ON workshop_enrolments (workshop_id, case_id)
        WHERE status <> 'dropped'`);
    await queryRunner.query(
      `CREATE INDEX workshop_enrolments_case ON workshop_enrolments (case_id)`,
    );
    await queryRunner.query(`
      CREATE TABLE projects (
        id                 uuid PRIMARY KEY,
        case_id            uuid NOT NULL REFERENCES candidates (case_id),
        referral_id        uuid REFERENCES referrals (id),
        provider_id        text NOT NULL,
        sector_isco_code   text CHECK (sector_isco_code ~ '^[0-9]{4}$'),
        municipality_code  text NOT NULL,
        status             text NOT NULL CHECK (status IN
                             ('idea', 'approved', 'seed-support', 'operating', 'closed')),
        seed_amount_usd    numeric(10, 2) CHECK (seed_amount_usd > 0),
        reason_code        text,
        version            integer NOT NULL DEFAULT 1,
        created_at         timestamptz NOT NULL DEFAULT now(),
        updated_at         timestamptz NOT NULL DEFAULT now(),
        CHECK (status <> 'closed' OR reason_code IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE INDEX projects_case ON projects (case_id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'projects',
      'workshop_enrolments',
      'workshops',
      'placements',
      'vacancies',
      'employers',
      'recognitions',
      'referrals',
      'candidates',
      'consents',
      'case_residence',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
