import { type ConfigOf } from '@reintegra/platform-config';
import { foundationConfigSpec } from '@reintegra/platform-service';
import { consumerConfigSpec, outboxConfigSpec } from '@reintegra/platform-messaging';

export const SERVICE_NAME = 'employment-matching';

export const employmentMatchingConfigSpec = {
  ...foundationConfigSpec({ port: 3103, database: 'employment_matching', name: SERVICE_NAME }),
  ...outboxConfigSpec(),
  ...consumerConfigSpec(SERVICE_NAME),
};

export type EmploymentMatchingConfig = ConfigOf<typeof employmentMatchingConfigSpec>;
