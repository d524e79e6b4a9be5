import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What a record is for: `care` (a survivor of violence, every record so far) or `child-protection`
 * (a minor referred by intake's child-protection route). The kind decides who may take the
 * referral: a child-protection referral is triaged by the victim-support supervisor, who assigns
 * the counsellor; counsellors neither see it in the queue nor take it themselves (access-policy.ts).
 * Existing records are survivors' care: the default says so.
 */
export class CareRecordKind1765400000000 implements MigrationInterface {
  name = 'CareRecordKind1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE care_records ADD COLUMN kind text NOT NULL DEFAULT 'care'
        CHECK (kind IN ('care', 'child-protection'))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE care_records DROP COLUMN kind`);
  }
}
