import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Households and minors (issue 17). A household groups returnees and family members who are not
 * returnees (name and birth date only); links say what each person is to another, stored both ways.
 * A minor's case names a guardian (a household member or a named adult), and a consent records
 * whether the person gave it or their guardian did, and who. Arrival lists may group a family.
 */
export class HouseholdsAndGuardians1765600000000 implements MigrationInterface {
  name = 'HouseholdsAndGuardians1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE households (
        id            uuid PRIMARY KEY,
        arrival_group text UNIQUE,
        created_at    timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE household_members (
        id            uuid PRIMARY KEY,
        household_id  uuid NOT NULL REFERENCES households (id),
        returnee_id   uuid UNIQUE REFERENCES returnees (id),
        first_names   text,
        last_names    text,
        date_of_birth date,
        arrival_role  text CHECK (arrival_role IN ('head', 'spouse', 'child', 'parent', 'sibling', 'other')),
        added_at      timestamptz NOT NULL,
        CHECK ((returnee_id IS NULL) = (first_names IS NOT NULL AND last_names IS NOT NULL AND date_of_birth IS NOT NULL))
      )`);
    await queryRunner.query(
      `CREATE INDEX household_members_household ON household_members (household_id)`,
    );
    await queryRunner.query(`
      CREATE TABLE household_links (
        member_id    uuid NOT NULL REFERENCES household_members (id),
        relative_id  uuid NOT NULL REFERENCES household_members (id),
        relationship text NOT NULL CHECK (relationship IN ('spouse', 'child', 'parent', 'sibling', 'other')),
        PRIMARY KEY (member_id, relative_id),
        CHECK (member_id <> relative_id)
      )`);
    await queryRunner.query(`
      CREATE TABLE case_guardians (
        case_id     uuid PRIMARY KEY REFERENCES return_episodes (id),
        member_id   uuid REFERENCES household_members (id),
        first_names text,
        last_names  text,
        capacity    text NOT NULL CHECK (capacity IN ('parent', 'legal-guardian', 'relative', 'other')),
        phone       text,
        recorded_at timestamptz NOT NULL,
        recorded_by text NOT NULL,
        CHECK ((member_id IS NULL) = (first_names IS NOT NULL AND last_names IS NOT NULL))
      )`);
    await queryRunner.query(`
      ALTER TABLE arrival_entries
        ADD COLUMN family_group text,
        ADD COLUMN family_role  text CHECK (family_role IN ('head', 'spouse', 'child', 'parent', 'sibling', 'other'))`);
    // Consents recorded before this migration were given by the person themselves.
    await queryRunner.query(`
      ALTER TABLE consents
        ADD COLUMN given_by          text NOT NULL DEFAULT 'self' CHECK (given_by IN ('self', 'guardian')),
        ADD COLUMN guardian_name     text,
        ADD COLUMN guardian_capacity text,
        ADD CONSTRAINT consents_guardian_named
          CHECK ((given_by = 'guardian') = (guardian_name IS NOT NULL AND guardian_capacity IS NOT NULL))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE consents DROP COLUMN given_by, DROP COLUMN guardian_name, DROP COLUMN guardian_capacity`);
    await queryRunner.query(
      `ALTER TABLE arrival_entries DROP COLUMN family_group, DROP COLUMN family_role`,
    );
    await queryRunner.query(`DROP TABLE case_guardians`);
    await queryRunner.query(`DROP TABLE household_links`);
    await queryRunner.query(`DROP TABLE household_members`);
    await queryRunner.query(`DROP TABLE households`);
  }
}
