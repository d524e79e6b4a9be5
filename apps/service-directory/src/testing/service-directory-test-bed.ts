import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomUUID } from 'node:crypto';
import { Kafka, type Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import {
  CLOUDEVENTS_CONTENT_TYPE,
  createEvent,
  type EventDefinition,
  TOPICS,
} from '@reintegra/event-contracts';
import type { Role } from '@reintegra/platform-auth';
import { loadConfig } from '@reintegra/platform-config';
import { runMigrations, serviceDataSourceOptions } from '@reintegra/platform-database';
import { kafkaConsumerTransport } from '@reintegra/platform-messaging';
import { configureServiceApp } from '@reintegra/platform-service';
import {
  currentTestStack,
  startGroupAtEnd,
  testAuthEnvironment,
  testDatabaseUrl,
  testToken,
} from '@reintegra/testing';
import { serviceDirectoryConfigSpec } from '../config';
import { serviceDirectoryDataSource } from '../database/service-directory-data-source';
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
  await runMigrations(
    serviceDataSourceOptions(
      serviceDirectoryDataSource(testDatabaseUrl('service_directory', 'migrator')),
    ),
  );
  const db = new DataSource(
    serviceDataSourceOptions(
      serviceDirectoryDataSource(testDatabaseUrl('service_directory', 'app'), 4),
    ),
  );
  await db.initialize();
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
  const config = loadConfig(serviceDirectoryConfigSpec, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: testDatabaseUrl('service_directory', 'app'),
    KAFKA_BROKERS: stack.kafkaBrokers.join(','),
    KAFKA_CONSUMER_GROUP: group,
    OUTBOX_POLL_INTERVAL_MS: '50',
    ...testAuthEnvironment(),
  });
  const app = await NestFactory.create(ServiceDirectoryModule.register(config), {
    logger: ['error'],
  });
  configureServiceApp(app, serviceDirectoryService);
  app.connectMicroservice(
    kafkaConsumerTransport({ clientId: group, brokers: config.KAFKA_BROKERS, groupId: group }),
    { inheritAppConfig: true },
  );
  await app.startAllMicroservices();
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
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
export function as(url: string, user: TestUser | null) {
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        'accept-language': 'en',
        ...(user ? { authorization: await testToken(user) } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      body: (text ? JSON.parse(text) : null) as Record<string, unknown> & {
        code?: string;
        contents?: Record<string, unknown>[];
      },
    };
  };
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, body: unknown = {}) => call('POST', path, body),
    put: (path: string, body: unknown) => call('PUT', path, body),
    patch: (path: string, body: unknown) => call('PATCH', path, body),
  };
}

/** Publishes an event the way another service's outbox relay would. */
export async function publish<S extends EventDefinition>(
  producer: Producer,
  definition: S,
  subject: string,
  data: unknown,
): Promise<void> {
  const event = createEvent(definition, {
    subject,
    source: '/reintegra/test',
    actor: 'system:test',
    correlationId: randomUUID(),
    data: data as never,
  });
  await producer.send({
    topic: definition.topic,
    messages: [
      {
        key: subject,
        value: JSON.stringify(event),
        headers: { 'content-type': CLOUDEVENTS_CONTENT_TYPE },
      },
    ],
  });
}

export async function testProducer(): Promise<Producer> {
  const producer = new Kafka({
    brokers: currentTestStack().kafkaBrokers,
    clientId: 'service-directory-test',
    logLevel: 1,
  }).producer();
  await producer.connect();
  return producer;
}
