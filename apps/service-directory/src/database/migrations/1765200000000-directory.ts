import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The directory (HSDS 3 field names where HSDS has one): organisations, their locations, the
 * services they run at a location, and live capacity reported by capacity events. An organisation's
 * id is the provider id referrals name (its staff carry it as `organisation` in their token); its
 * `hsds_id` is the uuid HSDS requires. Nothing here is about a person.
 */
export class Directory1765200000000 implements MigrationInterface {
  name = 'Directory1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE organizations (
        id                text PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$'),
        hsds_id           uuid NOT NULL UNIQUE,
        name              text NOT NULL,
        alternate_name    text,
        description       text NOT NULL,
        email             text,
        website           text,
        municipality_code text NOT NULL,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE locations (
        id                uuid PRIMARY KEY,
        organization_id   text NOT NULL REFERENCES organizations (id),
        name              text NOT NULL,
        address_1         text,
        department_code   text NOT NULL,
        municipality_code text NOT NULL,
        district_code     text,
        created_at        timestamptz NOT NULL DEFAULT now(),
        updated_at        timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX locations_organization ON locations (organization_id)`);
    await queryRunner.query(`
      CREATE TABLE services (
        id                  uuid PRIMARY KEY,
        organization_id     text NOT NULL REFERENCES organizations (id),
        location_id         uuid NOT NULL REFERENCES locations (id),
        name                text NOT NULL,
        description         text,
        service_type        text NOT NULL,
        status              text NOT NULL
                            CHECK (status IN ('active', 'inactive', 'defunct', 'temporarily closed')),
        minimum_age         integer CHECK (minimum_age BETWEEN 0 AND 130),
        maximum_age         integer CHECK (maximum_age BETWEEN 0 AND 130),
        women_only          boolean NOT NULL DEFAULT false,
        required_documents  text[] NOT NULL DEFAULT '{}',
        languages           text[] NOT NULL DEFAULT '{es}',
        schedules           jsonb NOT NULL DEFAULT '[]',
        application_process text,
        fees_description    text,
        capacity_maximum    integer CHECK (capacity_maximum >= 0),
        capacity_available  integer CHECK (capacity_available >= 0),
        capacity_updated_at timestamptz,
        created_at          timestamptz NOT NULL DEFAULT now(),
        updated_at          timestamptz NOT NULL DEFAULT now(),
        CHECK (maximum_age IS NULL OR minimum_age IS NULL OR maximum_age >= minimum_age)
      )`);
    // Routing reads every active service of one type; the plain lookup adds the municipality.
    await queryRunner.query(
      `CREATE INDEX services_routing ON services (service_type, organization_id) WHERE status = 'active'`,
    );
    await queryRunner.query(`CREATE INDEX services_location ON services (location_id)`);
    await queryRunner.query(
      `CREATE INDEX locations_municipality ON locations (municipality_code, district_code)`,
    );
    // Latest capacity per source (cohort, vacancy) from reintegra.services.capacity.
    await queryRunner.query(`
      CREATE TABLE capacity_sources (
        source_id       text PRIMARY KEY,
        organization_id text NOT NULL,
        service_type    text NOT NULL,
        open            boolean NOT NULL,
        available       integer NOT NULL CHECK (available >= 0),
        occurred_at     timestamptz NOT NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX capacity_sources_provider ON capacity_sources (organization_id, service_type)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE capacity_sources`);
    await queryRunner.query(`DROP TABLE services`);
    await queryRunner.query(`DROP TABLE locations`);
    await queryRunner.query(`DROP TABLE organizations`);
  }
}
