import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createIdempotencyTable, dropIdempotencyTable } from '@reintegra/platform-database';

/** Registrations and consents may be replayed (the office app's offline queue): keys remember them. */
export class IdempotencyKeys1764202700000 implements MigrationInterface {
  name = 'IdempotencyKeys1764202700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createIdempotencyTable(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropIdempotencyTable(queryRunner);
  }
}
