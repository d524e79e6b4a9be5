import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';
import { SafeTypeOrmLogger } from './safe-typeorm-logger';

export interface ServiceDataSourceOptions {
  url: string;
  // TypeORM's own list types: entity classes and migration classes, listed explicitly so that
  // bundled builds need no file globs.
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  poolSize?: number;
  /** `max_parallel_workers_per_gather` on every connection; undefined keeps the server's. */
  parallelWorkers?: number;
  applicationName: string;
}

/**
 * A service's database as its `ServiceDefinition.dataSource`: its migrations (and entities, if
 * any) in order, for the app's or the migrator's connection string.
 */
export function serviceDataSource(
  applicationName: string,
  migrations: ServiceDataSourceOptions['migrations'],
  entities: ServiceDataSourceOptions['entities'] = [],
): (url: string, poolSize?: number) => ServiceDataSourceOptions {
  return (url, poolSize) => ({ url, poolSize, applicationName, entities, migrations });
}

/**
 * The one DataSource definition of a service, used by the app (application role) and by the
 * migrate command (migration role). Schema changes go through migrations only: never synchronize.
 */
export function serviceDataSourceOptions(options: ServiceDataSourceOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'typeorm_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logger: new SafeTypeOrmLogger(),
    logging: ['error', 'warn', 'migration'],
    maxQueryExecutionTime: 1000,
    applicationName: options.applicationName,
    extra: {
      max: options.poolSize ?? 10,
      ...(options.parallelWorkers === undefined
        ? {}
        : { options: `-c max_parallel_workers_per_gather=${options.parallelWorkers}` }),
    },
  };
}

/** Applies pending migrations with the migration role; returns the names applied. */
export async function runMigrations(options: DataSourceOptions): Promise<string[]> {
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

/** The `migrate` process of a service: applies pending migrations and says what it did. */
export async function migrateCommand(
  service: string,
  options: ServiceDataSourceOptions,
): Promise<void> {
  const applied = await runMigrations(serviceDataSourceOptions(options));
  console.log(
    applied.length ? `${service}: applied ${applied.join(', ')}` : `${service}: schema up to date`,
  );
}
