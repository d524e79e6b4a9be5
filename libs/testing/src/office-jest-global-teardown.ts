import stackTeardown from './jest-global-teardown';

export default async function officeGlobalTeardown(): Promise<void> {
  await globalThis.__officeProcesses?.stop();
  await stackTeardown();
}
