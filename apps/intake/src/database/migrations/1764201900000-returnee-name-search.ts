import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Trigram index for spotting a person who returned before under a slightly different spelling. */
export class ReturneeNameSearch1764201900000 implements MigrationInterface {
  name = 'ReturneeNameSearch1764201900000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const [trgm] = await queryRunner.query(`SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'`);
    if (!trgm) {
      // Extensions need a superuser; the stack bootstrap (infra/postgres) creates it.
      throw new Error(
        'The pg_trgm extension is missing: run `CREATE EXTENSION pg_trgm` as a superuser first',
      );
    }
    await queryRunner.query(`
      CREATE INDEX returnees_name_trgm ON returnees
        USING gin ((translate(lower(first_names || ' ' || last_names), 'áéíóúüñ', 'aeiouun')) gin_trgm_ops)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX returnees_name_trgm`);
  }
}
