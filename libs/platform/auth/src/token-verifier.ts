import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { actorFromClaims, tokenClaimsSchema, type Actor } from './actor';
import type { AuthConfig } from './auth-config';

export class InvalidTokenError extends Error {}

/** Verifies bearer tokens (signature against the JWKS, issuer, audience, expiry, claims). */
export class TokenVerifier {
  private readonly keys:
    | ReturnType<typeof createLocalJWKSet>
    | ReturnType<typeof createRemoteJWKSet>;

  constructor(private readonly config: AuthConfig) {
    if (config.AUTH_JWKS) {
      this.keys = createLocalJWKSet(JSON.parse(config.AUTH_JWKS) as JSONWebKeySet);
    } else if (config.AUTH_JWKS_URL) {
      this.keys = createRemoteJWKSet(new URL(config.AUTH_JWKS_URL), { cooldownDuration: 30_000 });
    } else {
      throw new Error('Set AUTH_JWKS_URL (or AUTH_JWKS) so that access tokens can be verified');
    }
  }

  async verify(token: string): Promise<Actor> {
    try {
      const { payload } = await jwtVerify(token, this.keys, {
        issuer: this.config.AUTH_ISSUER,
        audience: this.config.AUTH_AUDIENCE,
        algorithms: ['ES256', 'RS256'],
        clockTolerance: 30,
      });
      const claims = tokenClaimsSchema.safeParse(payload);
      if (!claims.success)
        throw new InvalidTokenError('token claims do not match the platform roles');
      return actorFromClaims(claims.data);
    } catch (error) {
      throw error instanceof InvalidTokenError
        ? error
        : new InvalidTokenError((error as Error).message);
    }
  }
}
