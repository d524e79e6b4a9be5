import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The victims' office is municipal: each record keeps the survivor's municipality (a routing code
 * from the referral event), and counsellors and supervisors act only on their office's records.
 *
 * Records received before this column existed stay NULL. Their municipality is not derivable here:
 * by design this database holds no case id, and the audit log and assignments hold only
 * pseudonymous subjects. Only intake can map a reference to a case, and copying that mapping
 * in a migration would join the two databases the design keeps apart. A NULL record belongs to no
 * office, so nobody reaches it (fail closed, rather than every office as before); municipal IT
 * routes such records once, by hand, as the README's victim-support section describes.
 */
export class CareRecordOffice1764950000000 implements MigrationInterface {
  name = 'CareRecordOffice1764950000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE care_records ADD COLUMN municipality_code text
        CHECK (municipality_code ~ '^SV-[A-Z]{2}-[A-Z0-9-]+$')`);
    // The office's queue: referred records of one municipality.
    await queryRunner.query(
      `CREATE INDEX care_records_office ON care_records (municipality_code, status, received_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX care_records_office`);
    await queryRunner.query(`ALTER TABLE care_records DROP COLUMN municipality_code`);
  }
}
