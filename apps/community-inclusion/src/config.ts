import { z } from 'zod';
import { type ConfigOf, variable } from '@reintegra/platform-config';
import { consumerConfigSpec, outboxConfigSpec } from '@reintegra/platform-messaging';
import { foundationConfigSpec } from '@reintegra/platform-service';
import { PARTICIPATION_RULES } from './core/participation-rules';

export const SERVICE_NAME = 'community-inclusion';

export const communityInclusionConfigSpec = {
  ...foundationConfigSpec({ port: 3110, database: 'community_inclusion', name: SERVICE_NAME }),
  ...outboxConfigSpec(),
  ...consumerConfigSpec(SERVICE_NAME),
  PARTICIPATION_RULE_VERSION: variable(
    z
      .string()
      .refine((version) => version in PARTICIPATION_RULES, 'unknown participation rule version')
      .default('2026-12'),
    'Version of the sustained-participation rule (share of sessions attended over a window of weeks).',
  ),
};

export type CommunityInclusionConfig = ConfigOf<typeof communityInclusionConfigSpec>;
