import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '@reintegra/platform-config';
import { serviceDataSourceOptions } from '@reintegra/platform-database';
import { runMain } from '@reintegra/platform-http';
import { eventOriginOf, OutboxWriter } from '@reintegra/platform-messaging';
import { SERVICE_NAME, serviceDirectoryConfigSpec } from './config';
import { DirectoryEvents } from './core/directory-events.service';
import { serviceDirectoryDataSource } from './database/service-directory-data-source';
import {
  upsertLocation,
  upsertOrganization,
  upsertService,
} from './directory/directory-writes.queries';
import { DEMO_LOCATIONS, DEMO_ORGANIZATIONS, DEMO_SERVICES } from './seed/demo-directory';

/**
 * `seed.js`: loads the fictional demo directory with the application role (idempotent: fixed
 * ids, upserts). Each new service is announced like one created through the API (outbox; the
 * running service relays it).
 */
runMain(`${SERVICE_NAME} seed`, async () => {
  const config = loadConfig(serviceDirectoryConfigSpec);
  const dataSource = new DataSource(
    serviceDataSourceOptions(serviceDirectoryDataSource(config.DATABASE_URL, 2)),
  );
  await dataSource.initialize();
  const origin = eventOriginOf(SERVICE_NAME);
  const events = new DirectoryEvents(new OutboxWriter(origin));
  try {
    const created = await dataSource.transaction(async (manager) => {
      for (const organization of DEMO_ORGANIZATIONS)
        await upsertOrganization(manager, organization);
      for (const location of DEMO_LOCATIONS) await upsertLocation(manager, location);
      let count = 0;
      for (const service of DEMO_SERVICES) {
        const result = await upsertService(manager, service);
        if (!result.created) continue;
        count += 1;
        await events.serviceChanged(manager, result.id, 'created', {
          actor: origin.systemActor,
          correlationId: result.id,
        });
      }
      return count;
    });
    console.log(
      `${SERVICE_NAME} seed: ${DEMO_ORGANIZATIONS.length} organisations, ${DEMO_SERVICES.length} services (${created} new)`,
    );
  } finally {
    await dataSource.destroy();
  }
});
