import 'reflect-metadata';
import { loadConfig, migrationConfigSpec } from '@reintegra/platform-config';
import { migrateCommand } from '@reintegra/platform-database';
import { runMain } from '@reintegra/platform-http';
import { SERVICE_NAME } from './config';
import { employmentMatchingDataSource } from './database/employment-matching-data-source';

runMain(`${SERVICE_NAME} migrate`, () =>
  migrateCommand(
    SERVICE_NAME,
    employmentMatchingDataSource(
      loadConfig(migrationConfigSpec('employment_matching')).DATABASE_MIGRATION_URL,
    ),
  ),
);
