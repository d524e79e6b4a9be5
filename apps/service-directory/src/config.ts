import { type ConfigOf } from '@reintegra/platform-config';
import { foundationConfigSpec } from '@reintegra/platform-service';
import { consumerConfigSpec, outboxConfigSpec } from '@reintegra/platform-messaging';

export const SERVICE_NAME = 'service-directory';

export const serviceDirectoryConfigSpec = {
  ...foundationConfigSpec({ port: 3109, database: 'service_directory', name: SERVICE_NAME }),
  ...outboxConfigSpec(),
  ...consumerConfigSpec(SERVICE_NAME),
};

export type ServiceDirectoryConfig = ConfigOf<typeof serviceDirectoryConfigSpec>;
