import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The partner gateway: agency registry (credentials stored as hashes only), subscriptions, its own
 * projections of cases, consents and referrals (from the internal topics), events held while a
 * case's consent is unknown, the per-agency public event log (replay reads it), deliveries (an
 * outbox polled with SKIP LOCKED) and an append-only audit log.
 */
export class PartnerGateway1765000000000 implements MigrationInterface {
  name = 'PartnerGateway1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE agencies (
        id             text PRIMARY KEY CHECK (id ~ '^[a-z][a-z0-9-]{1,39}$'),
        name           text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        category       text NOT NULL
                       CHECK (category IN ('iom', 'government', 'ngo', 'employer', 'school', 'academia')),
        -- With the gateway key (never in the database) it derives the agency's pseudonym key.
        pseudonym_salt bytea NOT NULL CHECK (length(pseudonym_salt) = 32),
        active         boolean NOT NULL DEFAULT true,
        created_at     timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`
      CREATE TABLE agency_credentials (
        id            uuid PRIMARY KEY,
        agency_id     text NOT NULL REFERENCES agencies (id),
        secret_sha256 bytea NOT NULL CHECK (length(secret_sha256) = 32),
        label         text,
        created_at    timestamptz NOT NULL DEFAULT now(),
        expires_at    timestamptz,
        revoked_at    timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX agency_credentials_agency ON agency_credentials (agency_id)`,
    );
    await queryRunner.query(`
      CREATE TABLE subscriptions (
        id                 uuid PRIMARY KEY,
        agency_id          text NOT NULL REFERENCES agencies (id),
        event_types        text[] NOT NULL CHECK (cardinality(event_types) > 0),
        municipality_codes text[] NOT NULL DEFAULT '{}',
        channel            text NOT NULL CHECK (channel IN ('kafka', 'webhook')),
        webhook_url        text,
        -- AES-256-GCM under a key derived from the gateway key: the gateway must sign with it.
        webhook_secret     bytea,
        active             boolean NOT NULL DEFAULT true,
        created_at         timestamptz NOT NULL DEFAULT now(),
        deactivated_at     timestamptz,
        CHECK ((channel = 'webhook') = (webhook_url IS NOT NULL AND webhook_secret IS NOT NULL))
      )`);
    await queryRunner.query(`CREATE INDEX subscriptions_agency ON subscriptions (agency_id)`);
    // One Kafka stream per agency: its topic is the agency's, not the subscription's.
    await queryRunner.query(`
      CREATE UNIQUE INDEX subscriptions_one_kafka_per_agency
        ON subscriptions (agency_id) WHERE channel = 'kafka' AND active`);

    // Projections of the internal topics (ids and codes only, as the internal contracts carry).
    await queryRunner.query(`
      CREATE TABLE cases (
        case_id           uuid PRIMARY KEY,
        municipality_code text NOT NULL,
        registered_at     timestamptz NOT NULL
      )`);
    await queryRunner.query(`
      CREATE TABLE consents (
        case_id    uuid NOT NULL,
        purpose    text NOT NULL CHECK (purpose IN ('partner-sharing', 'statistics')),
        scope      text NOT NULL DEFAULT '',
        granted    boolean NOT NULL,
        consent_id uuid NOT NULL,
        decided_at timestamptz NOT NULL,
        PRIMARY KEY (case_id, purpose, scope)
      )`);
    await queryRunner.query(`
      CREATE TABLE referral_facts (
        referral_id   uuid PRIMARY KEY,
        case_id       uuid NOT NULL,
        service       text NOT NULL,
        requested_at  timestamptz,
        first_seen_at timestamptz NOT NULL,
        outcome       text NOT NULL,
        outcome_at    timestamptz NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX referral_facts_case ON referral_facts (case_id)`);

    // Internal events waiting, per agency, for the case's consent or registration.
    await queryRunner.query(`
      CREATE TABLE held_events (
        seq        bigserial PRIMARY KEY,
        event_id   uuid NOT NULL,
        agency_id  text NOT NULL REFERENCES agencies (id),
        case_id    uuid NOT NULL,
        event_type text NOT NULL,
        envelope   jsonb NOT NULL,
        held_at    timestamptz NOT NULL DEFAULT now(),
        UNIQUE (event_id, agency_id)
      )`);
    await queryRunner.query(`CREATE INDEX held_events_case ON held_events (case_id, seq)`);
    await queryRunner.query(`CREATE INDEX held_events_age ON held_events (held_at)`);

    // The public event log per agency: exactly the bytes sent; case_id never leaves the gateway.
    await queryRunner.query(`
      CREATE TABLE public_events (
        position          bigint PRIMARY KEY,
        id                uuid NOT NULL UNIQUE,
        agency_id         text NOT NULL REFERENCES agencies (id),
        case_id           uuid NOT NULL,
        source_event_id   uuid NOT NULL,
        event_type        text NOT NULL,
        municipality_code text,
        subject           text NOT NULL,
        body              text NOT NULL,
        logged_at         timestamptz NOT NULL DEFAULT now(),
        UNIQUE (agency_id, source_event_id)
      )`);
    await queryRunner.query(
      `CREATE SEQUENCE public_events_position OWNED BY public_events.position`,
    );
    await queryRunner.query(
      `CREATE INDEX public_events_agency_logged ON public_events (agency_id, logged_at, position)`,
    );
    await queryRunner.query(
      `CREATE INDEX public_events_agency_case ON public_events (agency_id, case_id)`,
    );

    await queryRunner.query(`
      CREATE TABLE deliveries (
        id               bigserial PRIMARY KEY,
        subscription_id  uuid NOT NULL REFERENCES subscriptions (id),
        public_event_id  uuid NOT NULL REFERENCES public_events (id),
        channel          text NOT NULL CHECK (channel IN ('kafka', 'webhook')),
        -- Deliveries with the same key (the case's pseudonym) go out in id order.
        order_key        text NOT NULL,
        status           text NOT NULL DEFAULT 'pending'
                         CHECK (status IN ('pending', 'delivered', 'dead', 'cancelled')),
        replay           boolean NOT NULL DEFAULT false,
        attempts         integer NOT NULL DEFAULT 0,
        next_attempt_at  timestamptz NOT NULL DEFAULT now(),
        -- Set while a worker sends it; a crashed worker's lease expires and the row is retried.
        lease_until      timestamptz,
        last_error       text,
        last_status_code integer,
        created_at       timestamptz NOT NULL DEFAULT now(),
        delivered_at     timestamptz,
        updated_at       timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX deliveries_due ON deliveries (channel, next_attempt_at, id) WHERE status = 'pending'`,
    );
    await queryRunner.query(`
      CREATE INDEX deliveries_open_per_key ON deliveries (subscription_id, order_key, id)
        WHERE status = 'pending' OR lease_until IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX deliveries_log ON deliveries (subscription_id, id)`);
    await queryRunner.query(`CREATE INDEX deliveries_event ON deliveries (public_event_id)`);

    await queryRunner.query(`
      CREATE TABLE audit_log (
        id        bigserial PRIMARY KEY,
        at        timestamptz NOT NULL DEFAULT now(),
        actor     text NOT NULL,
        action    text NOT NULL,
        outcome   text NOT NULL CHECK (outcome IN ('allowed', 'refused', 'dropped')),
        code      text,
        agency_id text,
        target    text,
        detail    jsonb NOT NULL DEFAULT '{}'
      )`);
    await queryRunner.query(`CREATE INDEX audit_log_agency ON audit_log (agency_id, id)`);
    await queryRunner.query(`
      CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only';
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER audit_log_no_update_delete BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()`);
    await queryRunner.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()`);
    // Default privileges give the application role full DML; on the audit log it may only append
    // and read. The app role is <service>_app beside this migrator (<service>_migrator).
    await queryRunner.query(`
      DO $$
      DECLARE app_role text := regexp_replace(current_user, '_migrator$', '_app');
      BEGIN
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = app_role) THEN
          EXECUTE format('REVOKE ALL ON audit_log FROM %I', app_role);
          EXECUTE format('GRANT SELECT, INSERT ON audit_log TO %I', app_role);
        END IF;
      END $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of [
      'audit_log',
      'deliveries',
      'public_events',
      'held_events',
      'referral_facts',
      'consents',
      'cases',
      'subscriptions',
      'agency_credentials',
      'agencies',
    ]) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
    await queryRunner.query(`DROP FUNCTION audit_log_append_only()`);
  }
}
