import { createLocalJWKSet, createRemoteJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { actorFromClaims, tokenClaimsSchema, type Actor } from './actor';
import type { AuthConfig } from './auth-config';

export class InvalidTokenError extends Error {}

/** How long a verified token is taken on trust before its signature is checked again. */
const VERIFIED_TTL_MS = 60_000;
/** Verified tokens remembered at most (oldest forgotten first). */
const VERIFIED_MAX = 10_000;

/**
 * Verifies bearer tokens (signature against the JWKS, issuer, audience, expiry, claims).
 *
 * A client sends the same token with every request until it expires, and the signature check
 * (ECDSA/RSA) was the largest single cost of a trivial authenticated request in intake's profile
 * (issue 21). So a token that passed is remembered by its exact text for at most a minute and
 * never past its own expiry; a changed byte is another token and is verified in full. A key
 * withdrawn from the JWKS stops being honoured within that minute.
 */
export class TokenVerifier {
  private readonly verified = new Map<string, { actor: Actor; until: number }>();

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
    const now = Date.now();
    const known = this.verified.get(token);
    if (known && known.until > now) return known.actor;
    if (known) this.verified.delete(token);
    return this.verifySignature(token);
  }

  private remember(token: string, actor: Actor, expiresAt: number | undefined): void {
    const until = Math.min(Date.now() + VERIFIED_TTL_MS, expiresAt ?? 0);
    if (until <= Date.now()) return;
    if (this.verified.size >= VERIFIED_MAX) {
      const oldest = this.verified.keys().next().value;
      if (oldest !== undefined) this.verified.delete(oldest);
    }
    this.verified.set(token, { actor, until });
  }

  private async verifySignature(token: string): Promise<Actor> {
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
      const actor = actorFromClaims(claims.data);
      // Only tokens with an expiry are remembered, and never past it (no clock tolerance here).
      this.remember(token, actor, payload.exp === undefined ? undefined : payload.exp * 1000);
      return actor;
    } catch (error) {
      throw error instanceof InvalidTokenError
        ? error
        : new InvalidTokenError((error as Error).message);
    }
  }
}
