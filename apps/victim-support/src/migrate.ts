import 'reflect-metadata';
import { loadConfig, migrationConfigSpec } from '@reintegra/platform-config';
import { migrateCommand } from '@reintegra/platform-database';
import { runMain } from '@reintegra/platform-http';
import { SERVICE_NAME } from './config';
import { victimSupportDataSource } from './database/victim-support-data-source';

runMain(`${SERVICE_NAME} migrate`, () =>
  migrateCommand(
    SERVICE_NAME,
    victimSupportDataSource(
      loadConfig(migrationConfigSpec('victim_support')).DATABASE_MIGRATION_URL,
    ),
  ),
);
