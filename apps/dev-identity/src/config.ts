import { z } from 'zod';
import { type ConfigOf, serviceConfigSpec, variable } from '@reintegra/platform-config';

export const SERVICE_NAME = 'dev-identity';

export const devIdentityConfigSpec = {
  ...serviceConfigSpec(3100),
  AUTH_ISSUER: variable(
    z.string().min(1).default('reintegra-dev-identity'),
    'Issuer (`iss`) of the tokens it signs.',
  ),
  AUTH_AUDIENCE: variable(
    z.string().min(1).default('reintegra'),
    'Audience (`aud`) of the tokens it signs.',
  ),
  DEV_IDENTITY_KEY_FILE: variable(
    z.string().min(1).default('.stack/dev-identity/signing-key.json'),
    'Where the development signing key is kept (created on first start, mode 0600).',
  ),
};

export type DevIdentityConfig = ConfigOf<typeof devIdentityConfigSpec>;
