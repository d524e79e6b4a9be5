import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Row version of a person's record: the ETag of corrections (If-Match, 412 when stale). */
export class ReturneeVersion1764202410000 implements MigrationInterface {
  name = 'ReturneeVersion1764202410000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE returnees ADD COLUMN version integer NOT NULL DEFAULT 1 CHECK (version >= 1)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE returnees DROP COLUMN version`);
  }
}
