import 'reflect-metadata';
import { loadConfig } from '@reintegra/platform-config';
import { migrateCommand } from '@reintegra/platform-database';
import { runMain } from '@reintegra/platform-http';
import { intakeConfigSpec, SERVICE_NAME } from './config';
import { intakeDataSource } from './database/intake-data-source';

runMain(`${SERVICE_NAME} migrate`, () =>
  migrateCommand(SERVICE_NAME, intakeDataSource(loadConfig(intakeConfigSpec).DATABASE_MIGRATION_URL)),
);
