// No path aliases here: the jest global setup imports this file outside jest's module mapping.
import { exportJWK, generateKeyPair } from 'jose';
import { TEST_ISSUER } from './test-identity-constants';

/**
 * A throwaway signing key for one test or benchmark run: services under test verify tokens against
 * its public JWKS (AUTH_JWKS) and `testToken` signs with the private half. Never used elsewhere.
 */
export async function testIdentityEnvironment(): Promise<Record<string, string>> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const header = { alg: 'ES256', use: 'sig', kid: `test-${Date.now().toString(36)}` };
  return {
    AUTH_ISSUER: TEST_ISSUER,
    AUTH_AUDIENCE: 'reintegra',
    AUTH_JWKS: JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), ...header }] }),
    TEST_AUTH_PRIVATE_JWK: JSON.stringify({ ...(await exportJWK(privateKey)), ...header }),
  };
}
