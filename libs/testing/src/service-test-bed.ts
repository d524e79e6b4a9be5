import type { INestApplication, NestApplicationOptions } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Kafka, type Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { z } from 'zod';
import {
  CLOUDEVENTS_CONTENT_TYPE,
  createEvent,
  type EventDefinition,
  type EventEnvelope,
} from '@reintegra/event-contracts';
import { type ConfigOf, type ConfigSpec, loadConfig } from '@reintegra/platform-config';
import { runMigrations, serviceDataSourceOptions } from '@reintegra/platform-database';
import { kafkaConsumerTransport } from '@reintegra/platform-messaging';
import { configureServiceApp, type ServiceDefinition } from '@reintegra/platform-service';
import { currentTestStack, testDatabaseUrl } from './stack';
import { testAuthEnvironment, testToken } from './test-identity';

/*
 * The mechanics every service test bed shares: migrate the service's test database, load its
 * config against the test stack, start it in-process on a free port (as `main.ts` wires it), a
 * producer standing in for other services, and an HTTP client. The app module, config spec and
 * data source come from each app's own test bed (libs may not import apps).
 */

/** Runs the service's migrations on its `<database>_test` database with the migration role. */
export async function migrateServiceTestDatabase<S extends ConfigSpec>(
  service: ServiceDefinition<S>,
): Promise<void> {
  await runMigrations(
    serviceDataSourceOptions(service.dataSource(testDatabaseUrl(service.database, 'migrator'))),
  );
}

/**
 * The service's config on the test stack: its test database (application role), the stack's
 * Kafka, test tokens' issuer; `env` adds or overrides the service's own variables.
 */
export function serviceTestConfig<S extends ConfigSpec>(
  service: ServiceDefinition<S>,
  env: Record<string, string>,
): Readonly<ConfigOf<S>> {
  return loadConfig(service.configSpec, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: testDatabaseUrl(service.database, 'app'),
    KAFKA_BROKERS: currentTestStack().kafkaBrokers.join(','),
    ...testAuthEnvironment(),
    ...env,
  });
}

/** A second connection to the service's test database (application role), e.g. to clean up. */
export async function serviceTestDataSource<S extends ConfigSpec>(
  service: ServiceDefinition<S>,
  poolSize: number,
): Promise<DataSource> {
  const db = new DataSource(
    serviceDataSourceOptions(
      service.dataSource(testDatabaseUrl(service.database, 'app'), poolSize),
    ),
  );
  await db.initialize();
  return db;
}

export interface StartServiceAppOptions<S extends ConfigSpec> {
  /** The app's root module, registered with its test config. */
  readonly module: Parameters<typeof NestFactory.create>[0];
  /**
   * Applies the production body limits and /docs (`configureServiceApp`); omitted by the beds
   * that never applied them.
   */
  readonly service?: ServiceDefinition<S>;
  /** The Kafka consumer (microservice) to run; none: the app only serves HTTP. */
  readonly consumer?: {
    readonly clientId: string;
    readonly brokers: string[];
    readonly groupId: string;
  };
  /** NestFactory options; silent by default. */
  readonly nest?: NestApplicationOptions;
  /** Runs right after the app is created, e.g. to install a logger. */
  readonly prepare?: (app: INestApplication) => void;
}

/** Creates the app, starts its consumer if any and listens on a free local port. */
export async function startServiceApp<S extends ConfigSpec>(
  options: StartServiceAppOptions<S>,
): Promise<{ app: INestApplication; url: string }> {
  const app = await NestFactory.create(options.module, options.nest ?? { logger: false });
  options.prepare?.(app);
  if (options.service) configureServiceApp(app, options.service);
  if (options.consumer) {
    app.connectMicroservice(kafkaConsumerTransport(options.consumer), { inheritAppConfig: true });
    await app.startAllMicroservices();
  }
  await app.listen(0, '127.0.0.1');
  return { app, url: await app.getUrl() };
}

/** A connected producer on the test stack's Kafka, standing in for other services. */
export async function startTestProducer(clientId: string): Promise<Producer> {
  const producer = new Kafka({
    brokers: currentTestStack().kafkaBrokers,
    clientId,
    logLevel: 1,
  }).producer();
  await producer.connect();
  return producer;
}

export interface PublishOptions {
  /** The CloudEvents source and actor of the service being stood in for. */
  readonly source: string;
  readonly actor: string;
  /** A fresh one unless given. */
  readonly correlationId?: string;
  /** Adds the CloudEvents content-type header, as the outbox relays do (some beds never did). */
  readonly contentTypeHeader?: boolean;
  /** Producer acks (kafkajs' default unless given). */
  readonly acks?: number;
}

/** Sends events under one key (the partition key, so they keep their order). */
export async function sendEvents(
  producer: Producer,
  topic: string,
  key: string,
  events: readonly EventEnvelope[],
  options: Pick<PublishOptions, 'contentTypeHeader' | 'acks'> = {},
): Promise<void> {
  await producer.send({
    topic,
    ...(options.acks === undefined ? {} : { acks: options.acks }),
    messages: events.map((event) => ({
      key,
      value: JSON.stringify(event),
      ...(options.contentTypeHeader
        ? { headers: { 'content-type': CLOUDEVENTS_CONTENT_TYPE } }
        : {}),
    })),
  });
}

/** Creates an event and publishes it on its topic keyed by its subject, as another service would. */
export async function publishEvent<S extends z.ZodType>(
  producer: Producer,
  definition: EventDefinition<S>,
  subject: string,
  data: z.input<S>,
  options: PublishOptions,
): Promise<EventEnvelope<z.output<S>>> {
  const event = createEvent(definition, {
    subject,
    source: options.source,
    actor: options.actor,
    correlationId: options.correlationId ?? randomUUID(),
    data,
  });
  await sendEvents(producer, definition.topic, subject, [event], options);
  return event;
}

export interface HttpReply {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed JSON body; undefined when empty (or not JSON, when `lenient`). */
  body: unknown;
}

/** One JSON request to a service under test; `authorization` is a header value (`testToken`). */
export async function requestJson(
  url: string,
  method: string,
  path: string,
  options: {
    authorization?: string;
    body?: unknown;
    headers?: Record<string, string>;
    lenient?: boolean;
  } = {},
): Promise<HttpReply> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(options.authorization ? { authorization: options.authorization } : {}),
      ...options.headers,
    },
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch (error) {
    if (!options.lenient) throw error;
  }
  return { status: response.status, headers: response.headers, text, body };
}

/**
 * A tiny HTTP client acting as one test user (null: no token), in English; an empty body reads
 * as null. `B` types the fields the specs look at.
 */
export function testUserClient<B extends object = object>(
  url: string,
  user: Parameters<typeof testToken>[0] | null,
) {
  const call = async (method: string, path: string, body?: unknown) => {
    const reply = await requestJson(url, method, path, {
      authorization: user ? await testToken(user) : undefined,
      body,
      headers: { 'accept-language': 'en' },
    });
    return {
      status: reply.status,
      contentType: reply.headers.get('content-type') ?? '',
      body: (reply.body ?? null) as Record<string, unknown> & B,
    };
  };
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, body: unknown = {}) => call('POST', path, body),
    put: (path: string, body: unknown) => call('PUT', path, body),
    patch: (path: string, body: unknown) => call('PATCH', path, body),
  };
}
