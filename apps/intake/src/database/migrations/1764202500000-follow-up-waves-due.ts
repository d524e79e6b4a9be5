import type { MigrationInterface, QueryRunner } from 'typeorm';

/** How many follow-up waves the reintegration path has called for (from path.follow-up-due). */
export class FollowUpWavesDue1764202500000 implements MigrationInterface {
  name = 'FollowUpWavesDue1764202500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE return_episodes ADD COLUMN follow_up_waves_due integer NOT NULL DEFAULT 0 CHECK (follow_up_waves_due >= 0)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE return_episodes DROP COLUMN follow_up_waves_due`);
  }
}
