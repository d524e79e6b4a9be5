import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consent scopes became one closed vocabulary (libs/contracts: partner category `employer`).
 * Consents stored before under intake's old free-text `employers` are renamed so the one stored
 * spelling is the vocabulary's; events still carrying the old spelling are mapped on receipt.
 */
export class ConsentScopeVocabulary1764900000000 implements MigrationInterface {
  name = 'ConsentScopeVocabulary1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE consents SET scope = 'employer' WHERE purpose = 'partner-sharing' AND scope = 'employers'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `UPDATE consents SET scope = 'employers' WHERE purpose = 'partner-sharing' AND scope = 'employer'`,
    );
  }
}
