// Jest global setup of every integration suite: finds (or starts) the stack once and exports its
// endpoints to the test workers. Relative imports only: jest does not map aliases here.
import { startContainerStack } from './containers-stack';
import { useLocalStack } from './local-stack';
import { openRunScratch } from './scratch';
import { stackEnvironment, type TestStack } from './stack';
import { testIdentityEnvironment } from './test-identity-keys';
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
  openRunScratch();
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
