import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Indexes of the returnee and case lists: newest return first with the id as tie-breaker (read
 * backwards for keyset pages), nationally and per municipality; DUI prefix search (the database
 * collation is not C, so LIKE 'prefix%' needs text_pattern_ops).
 */
export class ListIndexes1764202400000 implements MigrationInterface {
  name = 'ListIndexes1764202400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX return_episodes_return_date ON return_episodes (return_date, id)`,
    );
    await queryRunner.query(
      `CREATE INDEX return_episodes_municipality_return_date ON return_episodes (municipality_code, return_date, id)`,
    );
    await queryRunner.query(
      `CREATE INDEX returnees_dui_prefix ON returnees (dui text_pattern_ops) WHERE dui IS NOT NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX returnees_dui_prefix`);
    await queryRunner.query(`DROP INDEX return_episodes_municipality_return_date`);
    await queryRunner.query(`DROP INDEX return_episodes_return_date`);
  }
}
