import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The reception opens "today's arrivals": entries by day and trip, without scanning every list. */
export class ArrivalTripsIndex1764202600000 implements MigrationInterface {
  name = 'ArrivalTripsIndex1764202600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX arrival_entries_by_trip ON arrival_entries (arrival_date, transport, trip_number)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX arrival_entries_by_trip`);
  }
}
