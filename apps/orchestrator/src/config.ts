import { z } from 'zod';
import { type ConfigOf, temporalConfigSpec, variable } from '@reintegra/platform-config';
import { foundationConfigSpec } from '@reintegra/platform-service';
import { consumerConfigSpec, outboxConfigSpec } from '@reintegra/platform-messaging';

export const SERVICE_NAME = 'orchestrator';

export const orchestratorConfigSpec = {
  ...foundationConfigSpec({ port: 3102, database: 'orchestrator', name: SERVICE_NAME }),
  ...temporalConfigSpec(),
  ...outboxConfigSpec(),
  ...consumerConfigSpec(SERVICE_NAME),
  REFERRAL_FALLBACK_PROVIDERS: variable(
    z
      .string()
      .default('{}')
      .transform((value, context) => {
        try {
          return z.record(z.string(), z.array(z.string().min(1))).parse(JSON.parse(value));
        } catch {
          context.addIssue({
            code: 'custom',
            message: 'must be JSON: {"<service>": ["<providerId>", …]}',
          });
          return z.NEVER;
        }
      }),
    'Provider directory for re-routing a referral after its own list is used up: JSON {"<service>": ["<providerId>", …]} in routing order.',
  ),
  WORKFLOW_BUNDLE_PATH: variable(
    z.string().optional(),
    'Prebuilt workflow bundle (built by `nx run orchestrator:bundle-workflows`); bundled from source at start when unset and absent.',
  ),
};

export type OrchestratorConfig = ConfigOf<typeof orchestratorConfigSpec>;
