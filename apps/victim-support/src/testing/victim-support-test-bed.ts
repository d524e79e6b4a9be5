import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomBytes, randomUUID } from 'node:crypto';
// The real module object (a default import), so that replacing write/writeSync reaches pino.
import fs from 'node:fs';
import { Kafka, type Producer } from 'kafkajs';
import { Logger } from 'nestjs-pino';
import {
  CLOUDEVENTS_CONTENT_TYPE,
  createEvent,
  TOPICS,
  victimSupportReferralRequestedV1,
} from '@reintegra/event-contracts';
import type { Role } from '@reintegra/platform-auth';
import { loadConfig } from '@reintegra/platform-config';
import { runMigrations, serviceDataSourceOptions } from '@reintegra/platform-database';
import { kafkaConsumerTransport } from '@reintegra/platform-messaging';
import {
  currentTestStack,
  startGroupAtEnd,
  testAuthEnvironment,
  testDatabaseUrl,
  testToken,
} from '@reintegra/testing';
import { victimSupportConfigSpec } from '../config';
import { openBytes, sealBytes, type KeyProvider } from '@reintegra/platform-crypto';
import { victimSupportDataSource } from '../database/victim-support-data-source';
import { VictimSupportModule } from '../victim-support.module';

/**
 * A fixed test KEK: the test database outlives a run, so every run must unwrap the keys of the
 * previous ones (a fresh key file per run would trip the start-up KEK check).
 */
export const testKeyProvider: KeyProvider = (() => {
  const kek = Buffer.alloc(32, 7);
  return {
    kekId: 'test:fixed-kek',
    wrap: async (dataKey: Buffer, context: string) =>
      sealBytes(kek, dataKey, `case-key|${context}`),
    unwrap: async (wrapped: Buffer, context: string) =>
      openBytes(kek, wrapped, `case-key|${context}`),
  };
})();

/** Everything the service writes to stdout/stderr (pino writes through fs.write/writeSync). */
export class LogCapture {
  readonly chunks: string[] = [];
  private readonly restores: (() => void)[] = [];

  start(): void {
    const capture = (fd: unknown, data: unknown) => {
      if ((fd === 1 || fd === 2) && (typeof data === 'string' || Buffer.isBuffer(data)))
        this.chunks.push(data.toString());
    };
    const fsWrite = fs.write;
    const fsWriteSync = fs.writeSync;
    const stdoutWrite = process.stdout.write.bind(process.stdout);
    // Captured output is swallowed (reported as written) so test runs stay readable.
    const swallowed = (args: unknown[]) =>
      (args[0] === 1 || args[0] === 2) && args[1] !== undefined;
    const byteLength = (data: unknown) =>
      Buffer.isBuffer(data) ? data.length : Buffer.byteLength(String(data));
    (fs as { write: unknown }).write = (...args: unknown[]) => {
      capture(args[0], args[1]);
      if (!swallowed(args)) return (fsWrite as (...a: unknown[]) => unknown)(...args);
      const callback = args.findLast((arg) => typeof arg === 'function') as
        | ((error: null, written: number, data: unknown) => void)
        | undefined;
      process.nextTick(() => callback?.(null, byteLength(args[1]), args[1]));
      return undefined;
    };
    (fs as { writeSync: unknown }).writeSync = (...args: unknown[]) => {
      capture(args[0], args[1]);
      if (!swallowed(args)) return (fsWriteSync as (...a: unknown[]) => unknown)(...args);
      return byteLength(args[1]);
    };
    process.stdout.write = ((chunk: unknown, ...rest: unknown[]) => {
      capture(1, chunk);
      const callback = rest.findLast((arg) => typeof arg === 'function') as
        | (() => void)
        | undefined;
      if (callback) process.nextTick(callback);
      return true;
    }) as typeof process.stdout.write;
    this.restores.push(() => {
      (fs as { write: unknown }).write = fsWrite;
      (fs as { writeSync: unknown }).writeSync = fsWriteSync;
      process.stdout.write = stdoutWrite;
    });
  }

  stop(): void {
    for (const restore of this.restores.splice(0)) restore();
  }

  text(): string {
    return this.chunks.join('');
  }
}

export interface TestService {
  app: INestApplication;
  url: string;
  stop(): Promise<void>;
}

/** The service in-process, as `main.ts` wires it (pino logger, Kafka consumer, outbox relay). */
export async function startVictimSupport(
  options: { withConsumer?: boolean; logLevel?: string } = {},
): Promise<TestService> {
  const stack = currentTestStack();
  await runMigrations(
    serviceDataSourceOptions(
      victimSupportDataSource(testDatabaseUrl('victim_support', 'migrator')),
    ),
  );
  const group = `victim-support-test-${randomUUID()}`;
  const config = loadConfig(victimSupportConfigSpec, {
    NODE_ENV: 'test',
    LOG_LEVEL: options.logLevel ?? 'warn',
    DATABASE_URL: testDatabaseUrl('victim_support', 'app'),
    KAFKA_BROKERS: stack.kafkaBrokers.join(','),
    KAFKA_CONSUMER_GROUP: group,
    OUTBOX_POLL_INTERVAL_MS: '50',
    VICTIM_SUPPORT_KEK_FILE: '/unused/because/a/test/provider/is/given',
    ...testAuthEnvironment(),
  });
  const app = await NestFactory.create(VictimSupportModule.register(config, testKeyProvider), {
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  if (options.withConsumer) {
    // A fresh group per run, started at the end of the topic: the topic's history (earlier runs'
    // referrals) is not re-read, so nothing is still being processed when the test shuts down.
    await startGroupAtEnd(config.KAFKA_BROKERS, group, [TOPICS.intakeReferrals]);
    app.connectMicroservice(
      kafkaConsumerTransport({ clientId: group, brokers: config.KAFKA_BROKERS, groupId: group }),
      { inheritAppConfig: true },
    );
    await app.startAllMicroservices();
  }
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  return { app, url, stop: () => app.close() };
}

/** The tests' victims' office (the demo municipality) and another municipality's. */
export const OFFICE = 'SV-PA-LA-PAZ-ESTE';
export const OTHER_OFFICE = 'SV-SS-SAN-SALVADOR-CENTRO';

/** Publishes a confidential referral the way intake does, routed to `OFFICE` unless told. */
export async function publishReferral(
  producer: Producer,
  data: {
    reference: string;
    priority: 'emergency' | 'urgent' | 'normal';
    requestedServices: ('psychological' | 'legal' | 'recreation')[];
    municipalityCode?: string;
  },
): Promise<void> {
  const event = createEvent(victimSupportReferralRequestedV1, {
    subject: data.reference,
    source: '/reintegra/intake',
    actor: 'system:intake',
    correlationId: randomUUID(),
    data: { municipalityCode: OFFICE, ...data, consentGiven: true },
  });
  await producer.send({
    topic: victimSupportReferralRequestedV1.topic,
    messages: [
      {
        key: data.reference,
        value: JSON.stringify(event),
        headers: { 'content-type': CLOUDEVENTS_CONTENT_TYPE },
      },
    ],
  });
}

export async function testProducer(): Promise<Producer> {
  const producer = new Kafka({
    brokers: currentTestStack().kafkaBrokers,
    clientId: 'victim-support-test-intake',
    logLevel: 1,
  }).producer();
  await producer.connect();
  return producer;
}

/** A test user: its token carries `municipality` when `municipalityCode` is set. */
export interface TestUser {
  subject: string;
  roles: Role[];
  municipalityCode?: string;
}

/** A tiny HTTP client that acts as one test user. */
export function as(url: string, user: TestUser | null) {
  const headers = async (): Promise<Record<string, string>> => ({
    'content-type': 'application/json',
    'accept-language': 'en',
    ...(user ? { authorization: await testToken(user) } : {}),
  });
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: await headers(),
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return {
      status: response.status,
      contentType: response.headers.get('content-type') ?? '',
      body: (text ? JSON.parse(text) : null) as Record<string, unknown> & {
        code?: string;
      },
    };
  };
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, body: unknown = {}) => call('POST', path, body),
    put: (path: string, body: unknown) => call('PUT', path, body),
  };
}

export const uniqueSubject = (label: string) => `${label}-${randomBytes(4).toString('hex')}`;
