import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The screening route refuses (and logs) a victims' office of another municipality. */
export class ScreeningOutsideMunicipality1764202830000 implements MigrationInterface {
  name = 'ScreeningOutsideMunicipality1764202830000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE screening_disclosures
        DROP CONSTRAINT screening_disclosures_outcome_check,
        ADD CONSTRAINT screening_disclosures_outcome_check CHECK (outcome IN
          ('disclosed', 'refused-no-consent', 'refused-outside-municipality', 'unknown-reference'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE screening_disclosures
        DROP CONSTRAINT screening_disclosures_outcome_check,
        ADD CONSTRAINT screening_disclosures_outcome_check CHECK (outcome IN
          ('disclosed', 'refused-no-consent', 'unknown-reference'))`);
  }
}
