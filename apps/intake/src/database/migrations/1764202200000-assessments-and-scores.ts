import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Needs assessments (answers stored with their questionnaire version), the violence-screening
 * answers kept apart, the disclosure log of those answers, and sustainability scores (each with
 * its questionnaire and scoring versions). Stored answers and scores are never updated: a
 * re-score adds rows.
 */
export class AssessmentsAndScores1764202200000 implements MigrationInterface {
  name = 'AssessmentsAndScores1764202200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE assessments (
        id                       uuid PRIMARY KEY,
        case_id                  uuid NOT NULL REFERENCES return_episodes (id),
        questionnaire_version    text NOT NULL,
        wave                     integer CHECK (wave >= 1),
        answers                  jsonb NOT NULL,
        screening_completed      boolean NOT NULL,
        suggests_victim_support  boolean NOT NULL,
        completed_at             timestamptz NOT NULL,
        completed_by             text NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX assessments_case ON assessments (case_id, completed_at)`);
    // One re-assessment per follow-up wave; the initial assessment (no wave) may be repeated.
    await queryRunner.query(
      `CREATE UNIQUE INDEX assessments_case_wave ON assessments (case_id, wave) WHERE wave IS NOT NULL`,
    );
    // Violence/victimisation screening: only the victim-support route reads it, with consent.
    await queryRunner.query(`
      CREATE TABLE assessment_screenings (
        assessment_id  uuid PRIMARY KEY REFERENCES assessments (id),
        case_id        uuid NOT NULL REFERENCES return_episodes (id),
        answers        jsonb NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX assessment_screenings_case ON assessment_screenings (case_id)`,
    );
    await queryRunner.query(`
      CREATE TABLE screening_disclosures (
        id             uuid PRIMARY KEY,
        reference      uuid NOT NULL,
        case_id        uuid REFERENCES return_episodes (id),
        outcome        text NOT NULL
          CHECK (outcome IN ('disclosed', 'refused-no-consent', 'unknown-reference')),
        consent_id     uuid REFERENCES consents (id),
        screenings     integer NOT NULL DEFAULT 0,
        requested_by   text NOT NULL,
        requested_at   timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX screening_disclosures_case ON screening_disclosures (case_id, requested_at)`,
    );
    await queryRunner.query(`
      CREATE TABLE sustainability_scores (
        id                     uuid PRIMARY KEY,
        assessment_id          uuid NOT NULL REFERENCES assessments (id),
        case_id                uuid NOT NULL REFERENCES return_episodes (id),
        questionnaire_version  text NOT NULL,
        scoring_version        text NOT NULL,
        purpose                text NOT NULL CHECK (purpose IN ('baseline', 'follow-up', 're-score')),
        wave                   integer CHECK (wave >= 1),
        economic               double precision CHECK (economic BETWEEN 0 AND 1),
        social                 double precision CHECK (social BETWEEN 0 AND 1),
        psychosocial           double precision CHECK (psychosocial BETWEEN 0 AND 1),
        composite              double precision CHECK (composite BETWEEN 0 AND 1),
        incomplete_dimensions  text[] NOT NULL,
        indicators             jsonb NOT NULL,
        answered_share         jsonb NOT NULL,
        risk_level             text NOT NULL CHECK (risk_level IN ('low', 'medium', 'high')),
        computed_at            timestamptz NOT NULL,
        computed_by            text NOT NULL,
        -- A scoring version scores an assessment once: a repeated re-score adds nothing.
        UNIQUE (assessment_id, scoring_version)
      )`);
    await queryRunner.query(
      `CREATE INDEX sustainability_scores_case ON sustainability_scores (case_id, computed_at)`,
    );
    // The default privileges give the application role full DML: answers and scores are never
    // rewritten, and the disclosure log is append-only.
    await queryRunner.query(`
      DO $$
      DECLARE app_role text := regexp_replace(current_user, '_migrator$', '_app');
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = app_role) THEN
          EXECUTE format('REVOKE UPDATE ON assessments, assessment_screenings, sustainability_scores FROM %I', app_role);
          EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE ON screening_disclosures FROM %I', app_role);
        END IF;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE sustainability_scores`);
    await queryRunner.query(`DROP TABLE screening_disclosures`);
    await queryRunner.query(`DROP TABLE assessment_screenings`);
    await queryRunner.query(`DROP TABLE assessments`);
  }
}
