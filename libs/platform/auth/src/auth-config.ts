import { z } from 'zod';
import { variable, type ConfigSpec } from '@reintegra/platform-config';

/** Token verification settings every service reads. */
export function authConfigSpec() {
  return {
    AUTH_ISSUER: variable(
      z.string().min(1),
      'Expected `iss` of access tokens (the identity provider).',
      {
        devDefault: 'reintegra-dev-identity',
      },
    ),
    AUTH_AUDIENCE: variable(
      z.string().min(1).default('reintegra'),
      'Expected `aud` of access tokens.',
    ),
    AUTH_JWKS_URL: variable(
      z.url().optional(),
      "URL of the identity provider's JWKS (public keys). One of AUTH_JWKS_URL / AUTH_JWKS is required.",
      {
        devDefault: `http://127.0.0.1:${process.env['DEV_IDENTITY_PORT'] ?? '3100'}/.well-known/jwks.json`,
      },
    ),
    AUTH_JWKS: variable(
      z.string().optional(),
      'The JWKS itself, as JSON (instead of AUTH_JWKS_URL; used by tests).',
    ),
  } satisfies ConfigSpec;
}

export interface AuthConfig {
  AUTH_ISSUER: string;
  AUTH_AUDIENCE: string;
  AUTH_JWKS_URL?: string;
  AUTH_JWKS?: string;
}
