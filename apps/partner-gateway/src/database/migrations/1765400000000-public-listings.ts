import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Public listings (directory services, community activities) are logged and delivered like the
 * events about a case but concern no case: their log entries have no case id.
 */
export class PublicListings1765400000000 implements MigrationInterface {
  name = 'PublicListings1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE public_events ALTER COLUMN case_id DROP NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM deliveries d USING public_events p
      WHERE d.public_event_id = p.id AND p.case_id IS NULL`);
    await queryRunner.query(`DELETE FROM public_events WHERE case_id IS NULL`);
    await queryRunner.query(`ALTER TABLE public_events ALTER COLUMN case_id SET NOT NULL`);
  }
}
