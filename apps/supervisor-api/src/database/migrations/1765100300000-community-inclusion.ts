import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Community inclusion, projected from `reintegra.community.events`: activities (codes and seats)
 * and each participant's latest milestone per activity. Pseudonymous participant ids, the origin
 * category and dates only — no case id, name or place.
 */
export class CommunityInclusion1765100300000 implements MigrationInterface {
  name = 'CommunityInclusion1765100300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE community_activities (
        activity_id uuid PRIMARY KEY,
        municipality_code text NOT NULL,
        kind text NOT NULL,
        open boolean NOT NULL,
        capacity integer NOT NULL,
        seats_taken integer NOT NULL,
        changed_at timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX community_activities_municipality ON community_activities (municipality_code)`,
    );
    // One row per person and activity; the latest milestone wins by its own time (rank breaks a
    // tie), and the first sustained participation is kept for retention.
    await queryRunner.query(`
      CREATE TABLE community_participations (
        activity_id uuid NOT NULL,
        participant_id uuid NOT NULL,
        municipality_code text NOT NULL,
        origin text NOT NULL,
        milestone text NOT NULL,
        milestone_rank smallint NOT NULL,
        milestone_at timestamptz NOT NULL,
        rule_version text,
        sustained_at timestamptz,
        PRIMARY KEY (activity_id, participant_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX community_participations_municipality ON community_participations (municipality_code, participant_id)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE community_participations`);
    await queryRunner.query(`DROP TABLE community_activities`);
  }
}
