// Jest global setup of every integration suite: finds (or starts) the stack once and exports its
// endpoints to the test workers. Relative imports only: jest does not map aliases here.
import { exportJWK, generateKeyPair } from 'jose';
import { startContainerStack } from './containers-stack';
import { useLocalStack } from './local-stack';
import { stackEnvironment, type TestStack } from './stack';
import { TEST_ISSUER } from './test-identity-constants';
import { findWorkspaceRoot } from './workspace-root';

declare global {
  var __reintegraTestStack: TestStack | undefined;
}

async function dockerAvailable(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

export default async function globalSetup(): Promise<void> {
  const requested = process.env['TEST_STACK'];
  const useContainers =
    requested === 'testcontainers' || (requested !== 'local' && (await dockerAvailable()));
  const stack = useContainers
    ? await startContainerStack(findWorkspaceRoot())
    : await useLocalStack();
  Object.assign(process.env, stackEnvironment(stack), await testIdentityEnvironment(), {
    NODE_ENV: 'test',
  });
  globalThis.__reintegraTestStack = stack;
}

/**
 * A throwaway signing key for this run: services under test verify tokens against its public
 * JWKS (AUTH_JWKS) and `testToken` signs with the private half. Never used outside tests.
 */
async function testIdentityEnvironment(): Promise<Record<string, string>> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const header = { alg: 'ES256', use: 'sig', kid: `test-${Date.now().toString(36)}` };
  return {
    AUTH_ISSUER: TEST_ISSUER,
    AUTH_AUDIENCE: 'reintegra',
    AUTH_JWKS: JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), ...header }] }),
    TEST_AUTH_PRIVATE_JWK: JSON.stringify({ ...(await exportJWK(privateKey)), ...header }),
  };
}
