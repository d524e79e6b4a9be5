// Jest global setup of the office app's browser suites: the shared test stack, as for every
// integration suite, then one set of the services the screens need for all spec files at once
// (started per file they cost about 40 s each). Stopped by office-jest-global-teardown.ts.
import './register-paths';
import stackSetup from './jest-global-setup';
import { OFFICE_SUITES_PORT_BASE, OfficeProcesses } from './office-processes';

declare global {
  var __officeProcesses: OfficeProcesses | undefined;
}

export default async function officeGlobalSetup(): Promise<void> {
  await stackSetup();
  const processes = new OfficeProcesses('suites', OFFICE_SUITES_PORT_BASE, {
    directory: true,
    community: true,
  });
  globalThis.__officeProcesses = processes;
  await processes.start();
}
