import type { ServiceDefinition } from '@reintegra/platform-service';
import { SERVICE_NAME, serviceDirectoryConfigSpec } from './config';
import { serviceDirectoryDataSource } from './database/service-directory-data-source';

export const serviceDirectoryService: ServiceDefinition<typeof serviceDirectoryConfigSpec> = {
  name: SERVICE_NAME,
  configSpec: serviceDirectoryConfigSpec,
  database: 'service_directory',
  dataSource: serviceDirectoryDataSource,
  apiDescription:
    'Directorio de organizaciones, servicios y sedes (HSDS 3) y enrutamiento de remisiones. / Directory of organisations, services and locations (HSDS 3) and referral routing.',
  publishesEvents: true,
  consumesEvents: true,
  largeBodyRoutes: [{ path: '/hsds/import', limit: '5mb' }],
};
