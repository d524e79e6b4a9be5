import {
  type ConfigOf,
  databaseConfigSpec,
  kafkaConfigSpec,
  serviceConfigSpec,
} from '@reintegra/platform-config';
import { authConfigSpec } from '@reintegra/platform-auth';
import { consumerConfigSpec, outboxConfigSpec } from '@reintegra/platform-messaging';

export const SERVICE_NAME = 'employment-matching';

export const employmentMatchingConfigSpec = {
  ...serviceConfigSpec(3103),
  ...databaseConfigSpec('employment_matching'),
  ...kafkaConfigSpec('employment-matching'),
  ...authConfigSpec(),
  ...outboxConfigSpec(),
  ...consumerConfigSpec('employment-matching'),
};

export type EmploymentMatchingConfig = ConfigOf<typeof employmentMatchingConfigSpec>;
