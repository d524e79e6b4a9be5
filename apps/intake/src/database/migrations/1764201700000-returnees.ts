import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Returnees1764201700000 implements MigrationInterface {
  name = 'Returnees1764201700000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE returnees (
        id            uuid PRIMARY KEY,
        dui           text CHECK (dui ~ '^[0-9]{8}-[0-9]$'),
        first_names   text NOT NULL,
        last_names    text NOT NULL,
        date_of_birth date NOT NULL,
        gender        text NOT NULL,
        phone         text,
        email         text,
        created_at    timestamptz NOT NULL DEFAULT now()
      )`);
    // One person per DUI; the race between two registrations is settled here.
    await queryRunner.query(
      `CREATE UNIQUE INDEX returnees_dui ON returnees (dui) WHERE dui IS NOT NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE return_episodes (
        id                    uuid PRIMARY KEY,
        returnee_id           uuid NOT NULL REFERENCES returnees (id),
        episode_number        integer NOT NULL CHECK (episode_number >= 1),
        return_date           date NOT NULL,
        country_returned_from char(2) NOT NULL,
        reception_point       text NOT NULL,
        municipality_code     text NOT NULL,
        district_code         text,
        minor                 boolean NOT NULL,
        registered_at         timestamptz NOT NULL DEFAULT now(),
        UNIQUE (returnee_id, episode_number)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE return_episodes`);
    await queryRunner.query(`DROP TABLE returnees`);
  }
}
