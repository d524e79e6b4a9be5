import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import { type EventDefinition, TOPICS } from '@reintegra/event-contracts';
import type { Role } from '@reintegra/platform-auth';
import {
  currentTestStack,
  migrateServiceTestDatabase,
  publishEvent,
  serviceTestConfig,
  serviceTestDataSource,
  startGroupAtEnd,
  startServiceApp,
  startTestProducer,
  testUserClient,
} from '@reintegra/testing';
import { ServiceDirectoryModule } from '../service-directory.module';
import { serviceDirectoryService } from '../service';

export interface TestDirectory {
  app: INestApplication;
  url: string;
  db: DataSource;
  stop(): Promise<void>;
}

/**
 * The directory in-process against the real PostgreSQL and Kafka, as `main.ts` wires it, on an
 * emptied service_directory_test database (routing reads the whole directory, so earlier runs'
 * entries would change its answers). Its consumer group starts at the end of its topics.
 */
export async function startServiceDirectory(): Promise<TestDirectory> {
  const stack = currentTestStack();
  await migrateServiceTestDatabase(serviceDirectoryService);
  const db = await serviceTestDataSource(serviceDirectoryService, 4);
  await db.query(`DELETE FROM services`);
  await db.query(`DELETE FROM locations`);
  await db.query(`DELETE FROM organizations`);
  await db.query(`DELETE FROM capacity_sources`);
  await db.query(`DELETE FROM provider_referrals`);
  const group = `service-directory-test-${randomUUID()}`;
  await startGroupAtEnd(stack.kafkaBrokers, group, [
    TOPICS.serviceCapacity,
    TOPICS.intakeReferrals,
    TOPICS.pathEvents,
    TOPICS.intakeConsents,
  ]);
  const config = serviceTestConfig(serviceDirectoryService, {
    KAFKA_CONSUMER_GROUP: group,
    OUTBOX_POLL_INTERVAL_MS: '50',
  });
  const { app, url } = await startServiceApp({
    module: ServiceDirectoryModule.register(config),
    service: serviceDirectoryService,
    consumer: { clientId: group, brokers: config.KAFKA_BROKERS, groupId: group },
    nest: { logger: ['error'] },
  });
  return {
    app,
    url,
    db,
    stop: async () => {
      await app.close();
      await db.destroy();
    },
  };
}

export interface TestUser {
  roles: Role[];
  municipalityCode?: string;
  organisationId?: string;
}

/** A tiny HTTP client acting as one test user (null: no token). */
export const as = (url: string, user: TestUser | null) =>
  testUserClient<{ code?: string; contents?: Record<string, unknown>[] }>(url, user);

/** Publishes an event the way another service's outbox relay would. */
export async function publish<S extends EventDefinition>(
  producer: Producer,
  definition: S,
  subject: string,
  data: unknown,
): Promise<void> {
  await publishEvent(producer, definition, subject, data, {
    source: '/reintegra/test',
    actor: 'system:test',
    contentTypeHeader: true,
  });
}

export const testProducer = (): Promise<Producer> => startTestProducer('service-directory-test');
