import type { JWK } from 'jose';
import { DevTokenIssuer, type TokenSubject } from '@reintegra/platform-auth';
import { TEST_ISSUER } from './test-identity-constants';

let issuer: Promise<DevTokenIssuer> | undefined;

/** The variables a service under test needs to verify test tokens (set by the jest global setup). */
export function testAuthEnvironment(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const jwks = env['AUTH_JWKS'];
  if (!jwks)
    throw new Error('AUTH_JWKS is not set: run integration tests through their jest config');
  return { AUTH_ISSUER: TEST_ISSUER, AUTH_AUDIENCE: 'reintegra', AUTH_JWKS: jwks };
}

/**
 * An `Authorization` header value for a test user, e.g.
 * `await testToken({ roles: ['intake-officer'], municipalityCode: 'SV-PA-LA-PAZ-ESTE' })`.
 */
export async function testToken(
  user: Partial<TokenSubject> & Pick<TokenSubject, 'roles'>,
): Promise<string> {
  issuer ??= (() => {
    const privateJwk = process.env['TEST_AUTH_PRIVATE_JWK'];
    if (!privateJwk)
      throw new Error('TEST_AUTH_PRIVATE_JWK is not set: run through the jest config');
    return DevTokenIssuer.create(TEST_ISSUER, 'reintegra', JSON.parse(privateJwk) as JWK);
  })();
  const token = await (
    await issuer
  ).issue({ subject: user.subject ?? `test-${user.roles.join('+')}`, ...user });
  return `Bearer ${token}`;
}
