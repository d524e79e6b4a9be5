import 'reflect-metadata';
import { loadConfig, migrationConfigSpec } from '@reintegra/platform-config';
import { migrateCommand } from '@reintegra/platform-database';
import { runMain } from '@reintegra/platform-http';
import { SERVICE_NAME } from './config';
import { intakeDataSource } from './database/intake-data-source';

runMain(`${SERVICE_NAME} migrate`, () =>
  migrateCommand(
    SERVICE_NAME,
    intakeDataSource(loadConfig(migrationConfigSpec('intake')).DATABASE_MIGRATION_URL),
  ),
);
