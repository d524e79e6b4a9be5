import type { DynamicModule, INestApplication, ModuleMetadata, Type } from '@nestjs/common';
import { type AuthConfig, PlatformAuthModule } from '@reintegra/platform-auth';
import {
  type ConfigOf,
  type ConfigSpec,
  kafkaSecurityOptions,
  type KafkaSecurityConfig,
  loadConfig,
  migrationConfigSpec,
  temporalTlsOptions,
  type TemporalTlsConfig,
} from '@reintegra/platform-config';
import {
  migrateCommand,
  PlatformDatabaseModule,
  type ServiceDataSourceOptions,
} from '@reintegra/platform-database';
import {
  configureHttpApp,
  type HttpAppOptions,
  type BinaryBodyRoute,
  type LargeBodyRoute,
  runMain,
  ServiceCoreModule,
  startHttpService,
} from '@reintegra/platform-http';
import {
  kafkaConsumerTransport,
  PlatformKafkaModule,
  PlatformMessagingModule,
} from '@reintegra/platform-messaging';
import { PlatformTemporalClientModule } from '@reintegra/platform-temporal';
import { startTracing } from '@reintegra/platform-tracing';

/** The settings every service reads (see serviceConfigSpec, databaseConfigSpec, kafkaConfigSpec). */
interface FoundationConfig extends AuthConfig, KafkaSecurityConfig, TemporalTlsConfig {
  LOG_LEVEL: string;
  HTTP_HOST: string;
  HTTP_PORT: number;
  AUTH_FAILURES_PER_MINUTE: number;
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;
  OTEL_EXPORTER_ZIPKIN_ENDPOINT?: string;
  DATABASE_URL: string;
  DATABASE_POOL_SIZE: number;
  DATABASE_PARALLEL_WORKERS?: number;
  KAFKA_CLIENT_ID: string;
  KAFKA_BROKERS: string[];
  TEMPORAL_ADDRESS?: string;
  TEMPORAL_NAMESPACE?: string;
  OUTBOX_POLL_INTERVAL_MS?: number;
  KAFKA_CONSUMER_GROUP?: string;
  CONSUMER_MAX_ATTEMPTS?: number;
  CONSUMER_CONCURRENCY?: number;
}

/** What makes a service: its name, configuration, database and whether it talks to Temporal. */
export interface ServiceDefinition<S extends ConfigSpec> {
  readonly name: string;
  readonly configSpec: S;
  /** The service's own database, e.g. `intake` (roles `<database>_app` / `_migrator`). */
  readonly database: string;
  readonly dataSource: (url: string, poolSize?: number) => ServiceDataSourceOptions;
  readonly temporalClient?: boolean;
  /** Publishes events through the outbox (spec needs outboxConfigSpec()). */
  readonly publishesEvents?: boolean;
  /** Consumes events with EventConsumer (spec needs consumerConfigSpec(...)). */
  readonly consumesEvents?: boolean;
  /** What the service offers, for the top of its API document (`/docs`). */
  readonly apiDescription?: string;
  /** Routes taking uploads larger than the general body limit (JSON or CSV). */
  readonly largeBodyRoutes?: readonly LargeBodyRoute[];
  /** Routes taking raw bytes of the listed types (document uploads), read into a Buffer. */
  readonly binaryBodyRoutes?: readonly BinaryBodyRoute[];
}

/** Body limits and API document of a service's HTTP app (also for in-process test apps). */
export function httpAppOptionsOf<S extends ConfigSpec>(
  definition: ServiceDefinition<S>,
): HttpAppOptions {
  return {
    api: {
      title: `Reintegra ${definition.name}`,
      description: definition.apiDescription ?? `The ${definition.name} service of Reintegra.`,
    },
    largeBodyRoutes: definition.largeBodyRoutes,
    binaryBodyRoutes: definition.binaryBodyRoutes,
  };
}

/** Applies to an app created outside `serve` (in-process tests) what `serve` applies. */
export function configureServiceApp<S extends ConfigSpec>(
  app: INestApplication,
  definition: ServiceDefinition<S>,
): void {
  configureHttpApp(app, httpAppOptionsOf(definition));
}

/**
 * The modules every service imports: validated config, logs, health and problem+json
 * (ServiceCoreModule), the deny-by-default access guard, its database with the application role, Kafka, and optionally Temporal.
 */
export function foundationModules<S extends ConfigSpec>(
  definition: ServiceDefinition<S>,
  config: ConfigOf<S> & FoundationConfig,
): DynamicModule[] {
  const modules = [
    ServiceCoreModule.forRoot({ service: definition.name, config }),
    PlatformAuthModule.forRoot(config),
    PlatformDatabaseModule.forRootAsync({
      inject: [],
      useFactory: () => ({
        ...definition.dataSource(config.DATABASE_URL, config.DATABASE_POOL_SIZE),
        parallelWorkers: config.DATABASE_PARALLEL_WORKERS,
      }),
    }),
    PlatformKafkaModule.forRootAsync({
      inject: [],
      useFactory: () => ({
        clientId: config.KAFKA_CLIENT_ID,
        brokers: config.KAFKA_BROKERS,
        ...kafkaSecurityOptions(config),
      }),
    }),
  ];
  if (definition.publishesEvents || definition.consumesEvents) {
    modules.push(
      PlatformMessagingModule.forRoot({
        service: definition.name,
        ...(definition.publishesEvents
          ? {
              outbox: {
                pollIntervalMs: required(
                  definition,
                  config.OUTBOX_POLL_INTERVAL_MS,
                  'OUTBOX_POLL_INTERVAL_MS',
                ),
                batchSize: 100,
              },
            }
          : {}),
        ...(definition.consumesEvents
          ? {
              consumer: {
                groupId: required(definition, config.KAFKA_CONSUMER_GROUP, 'KAFKA_CONSUMER_GROUP'),
                maxAttempts: required(
                  definition,
                  config.CONSUMER_MAX_ATTEMPTS,
                  'CONSUMER_MAX_ATTEMPTS',
                ),
                retryDelayMs: 500,
                pauseOnInfrastructureFailureMs: 10_000,
                concurrency: config.CONSUMER_CONCURRENCY ?? 1,
              },
            }
          : {}),
      }),
    );
  }
  if (definition.temporalClient) {
    const { TEMPORAL_ADDRESS: address, TEMPORAL_NAMESPACE: namespace } = config;
    if (!address || !namespace)
      throw new Error(`${definition.name}: Temporal settings missing from its config spec`);
    modules.push(
      PlatformTemporalClientModule.forRootAsync({
        inject: [],
        useFactory: () => ({ address, namespace, tls: temporalTlsOptions(config) }),
      }),
    );
  }
  return modules;
}

/**
 * The root module of a service: the foundation modules, then its feature modules (and whatever
 * else it wires, e.g. a module registered with the config).
 */
export function serviceRootModule<S extends ConfigSpec>(
  module: Type,
  definition: ServiceDefinition<S>,
  config: ConfigOf<S> & FoundationConfig,
  features: NonNullable<ModuleMetadata['imports']>,
): DynamicModule {
  return { module, imports: [...foundationModules(definition, config), ...features] };
}

function required<T>(definition: { name: string }, value: T | undefined, name: string): T {
  if (value === undefined)
    throw new Error(`${definition.name}: ${name} is missing from its config spec`);
  return value;
}

/** `main.js` of a service: validates the environment, connects its Kafka consumer if it has one, then serves until stopped. */
export function serve<S extends ConfigSpec>(
  definition: ServiceDefinition<S>,
  rootModule: (config: ConfigOf<S> & FoundationConfig) => DynamicModule,
  beforeListen?: (app: INestApplication, config: ConfigOf<S> & FoundationConfig) => Promise<void>,
): void {
  runMain(
    definition.name,
    async () => {
      const config = loadConfig(definition.configSpec) as ConfigOf<S> & FoundationConfig;
      // TLS/SASL combinations and certificate files: refused at boot, naming the variable.
      kafkaSecurityOptions(config);
      if (definition.temporalClient) temporalTlsOptions(config);
      // Before Nest opens its server and pools, so HTTP and PostgreSQL are instrumented.
      startTracing(definition.name, {
        otlp: config.OTEL_EXPORTER_OTLP_ENDPOINT,
        zipkin: config.OTEL_EXPORTER_ZIPKIN_ENDPOINT,
      });
      await startHttpService(rootModule(config), {
        ...httpAppOptionsOf(definition),
        service: definition.name,
        host: config.HTTP_HOST,
        port: config.HTTP_PORT,
        failedAuthPerMinute: config.AUTH_FAILURES_PER_MINUTE,
        beforeListen: async (app: INestApplication) => {
          if (definition.consumesEvents) {
            app.connectMicroservice(
              kafkaConsumerTransport({
                clientId: config.KAFKA_CLIENT_ID,
                brokers: config.KAFKA_BROKERS,
                ...kafkaSecurityOptions(config),
                groupId: required(definition, config.KAFKA_CONSUMER_GROUP, 'KAFKA_CONSUMER_GROUP'),
              }),
              { inheritAppConfig: true },
            );
            await app.startAllMicroservices();
          }
          await beforeListen?.(app, config);
        },
      });
    },
    { exitWhenDone: false },
  );
}

/** `migrate.js` of a service: applies pending migrations with the migration role, then exits. */
export function migrate<S extends ConfigSpec>(definition: ServiceDefinition<S>): void {
  runMain(`${definition.name} migrate`, async () => {
    const { DATABASE_MIGRATION_URL } = loadConfig(migrationConfigSpec(definition.database));
    await migrateCommand(definition.name, definition.dataSource(DATABASE_MIGRATION_URL));
  });
}
