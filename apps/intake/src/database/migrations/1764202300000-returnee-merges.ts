import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Merging two records of one person keeps the merged record (pointing to the survivor) and moves
 * its episodes; renumbering them needs the episode-number uniqueness checked at commit.
 */
export class ReturneeMerges1764202300000 implements MigrationInterface {
  name = 'ReturneeMerges1764202300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE returnees
        ADD COLUMN merged_into uuid REFERENCES returnees (id),
        ADD COLUMN merged_at timestamptz,
        ADD CONSTRAINT returnees_not_merged_into_self CHECK (merged_into <> id),
        ADD CONSTRAINT returnees_merged_has_time CHECK ((merged_into IS NULL) = (merged_at IS NULL))`);
    await queryRunner.query(
      `CREATE INDEX returnees_merged_into ON returnees (merged_into) WHERE merged_into IS NOT NULL`,
    );
    await queryRunner.query(`
      ALTER TABLE return_episodes
        DROP CONSTRAINT return_episodes_returnee_id_episode_number_key,
        ADD CONSTRAINT return_episodes_episode_number UNIQUE (returnee_id, episode_number)
          DEFERRABLE INITIALLY IMMEDIATE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE return_episodes
        DROP CONSTRAINT return_episodes_episode_number,
        ADD CONSTRAINT return_episodes_returnee_id_episode_number_key UNIQUE (returnee_id, episode_number)`);
    await queryRunner.query(`DROP INDEX returnees_merged_into`);
    await queryRunner.query(`
      ALTER TABLE returnees
        DROP CONSTRAINT returnees_merged_has_time,
        DROP CONSTRAINT returnees_not_merged_into_self,
        DROP COLUMN merged_at, DROP COLUMN merged_into`);
  }
}
