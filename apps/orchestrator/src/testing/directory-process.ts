import { createServer } from 'node:net';
import { TOPICS } from '@reintegra/event-contracts';
import type { Role } from '@reintegra/platform-auth';
import {
  currentTestStack,
  runToCompletion,
  ServiceProcess,
  startGroupAtEnd,
  testAuthEnvironment,
  testDatabaseUrl,
  testToken,
} from '@reintegra/testing';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * The built service directory (`nx build service-directory`, a dependency of this project's
 * integration target) as its own process on the service_directory_test database, its consumer
 * group starting at the end of its topics: earlier runs' events are not this test's.
 */
export async function startDirectoryProcess(label: string): Promise<ServiceProcess> {
  const stack = currentTestStack();
  await runToCompletion('service-directory', 'migrate', {
    NODE_ENV: 'test',
    DATABASE_MIGRATION_URL: testDatabaseUrl('service_directory', 'migrator'),
  });
  const group = `service-directory-${label}`;
  await startGroupAtEnd(stack.kafkaBrokers, group, [
    TOPICS.serviceCapacity,
    TOPICS.intakeReferrals,
    TOPICS.pathEvents,
  ]);
  const directory = new ServiceProcess('service-directory', await freePort(), {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: testDatabaseUrl('service_directory', 'app'),
    KAFKA_BROKERS: stack.kafkaBrokers.join(','),
    KAFKA_CONSUMER_GROUP: group,
    OUTBOX_POLL_INTERVAL_MS: '50',
    ...testAuthEnvironment(),
  });
  await directory.start();
  return directory;
}

/** One call to the directory as a test user; throws on an error answer. */
export async function directoryCall(
  directory: ServiceProcess,
  user: { roles: Role[]; organisationId?: string; municipalityCode?: string },
  method: string,
  path: string,
  body?: unknown,
): Promise<Record<string, unknown>> {
  const response = await fetch(`${directory.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: await testToken(user) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/** Registers an organisation with one location and one service in a district of La Paz Este. */
export async function registerProvider(
  directory: ServiceProcess,
  id: string,
  service: { serviceType: string; capacityAvailable?: number; womenOnly?: boolean },
): Promise<void> {
  const admin = { roles: ['admin' as const] };
  const municipalityCode = 'SV-PA-LA-PAZ-ESTE';
  await directoryCall(directory, admin, 'POST', '/organizations', {
    id,
    name: `Organización ${id}`,
    description: 'Prueba',
    municipalityCode,
  });
  const location = await directoryCall(directory, admin, 'POST', '/locations', {
    organizationId: id,
    name: 'Sede',
    municipalityCode,
    districtCode: `${municipalityCode}/ZACATECOLUCA`,
  });
  await directoryCall(directory, admin, 'POST', '/services', {
    locationId: location['id'],
    name: 'Servicio',
    ...service,
  });
}

/**
 * Takes every active service of a type out of routing (status inactive, through the API): the
 * test database keeps earlier runs' entries, which would otherwise compete with this run's.
 */
export async function retireServicesOfType(
  directory: ServiceProcess,
  serviceType: string,
): Promise<void> {
  const admin = { roles: ['admin' as const] };
  const services = (await directoryCall(
    directory,
    admin,
    'GET',
    `/services?serviceType=${serviceType}&status=active`,
  )) as unknown as { id: string }[];
  for (const service of services) {
    await directoryCall(directory, admin, 'PATCH', `/services/${service.id}`, {
      status: 'inactive',
    });
  }
}
