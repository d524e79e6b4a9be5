import 'reflect-metadata';
import { loadConfig, migrationConfigSpec } from '@reintegra/platform-config';
import { migrateCommand } from '@reintegra/platform-database';
import { runMain } from '@reintegra/platform-http';
import { SERVICE_NAME } from './config';
import { educationEnrolmentDataSource } from './database/education-enrolment-data-source';

runMain(`${SERVICE_NAME} migrate`, () =>
  migrateCommand(
    SERVICE_NAME,
    educationEnrolmentDataSource(
      loadConfig(migrationConfigSpec('education_enrolment')).DATABASE_MIGRATION_URL,
    ),
  ),
);
