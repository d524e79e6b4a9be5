import 'reflect-metadata';
import { loadConfig } from '@reintegra/platform-config';
import { migrateCommand } from '@reintegra/platform-database';
import { runMain } from '@reintegra/platform-http';
import { orchestratorConfigSpec, SERVICE_NAME } from './config';
import { orchestratorDataSource } from './database/orchestrator-data-source';

runMain(`${SERVICE_NAME} migrate`, () =>
  migrateCommand(
    SERVICE_NAME,
    orchestratorDataSource(loadConfig(orchestratorConfigSpec).DATABASE_MIGRATION_URL),
  ),
);
