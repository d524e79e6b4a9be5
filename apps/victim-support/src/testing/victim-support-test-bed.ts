import type { INestApplication } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
// The real module object (a default import), so that replacing write/writeSync reaches pino.
import fs from 'node:fs';
import type { Producer } from 'kafkajs';
import { Logger } from 'nestjs-pino';
import { TOPICS, victimSupportReferralRequestedV1 } from '@reintegra/event-contracts';
import type { Role } from '@reintegra/platform-auth';
import {
  migrateServiceTestDatabase,
  publishEvent,
  serviceTestConfig,
  startGroupAtEnd,
  startServiceApp,
  startTestProducer,
  testUserClient,
} from '@reintegra/testing';
import { openBytes, sealBytes, type KeyProvider } from '@reintegra/platform-crypto';
import { victimSupportService } from '../service';
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
  await migrateServiceTestDatabase(victimSupportService);
  const group = `victim-support-test-${randomUUID()}`;
  const config = serviceTestConfig(victimSupportService, {
    LOG_LEVEL: options.logLevel ?? 'warn',
    KAFKA_CONSUMER_GROUP: group,
    OUTBOX_POLL_INTERVAL_MS: '50',
    VICTIM_SUPPORT_KEK_FILE: '/unused/because/a/test/provider/is/given',
  });
  // A fresh group per run, started at the end of the topic: the topic's history (earlier runs'
  // referrals) is not re-read, so nothing is still being processed when the test shuts down.
  if (options.withConsumer)
    await startGroupAtEnd(config.KAFKA_BROKERS, group, [TOPICS.intakeReferrals]);
  // The pino logger as in production (the log-capture specs read it); no configureServiceApp,
  // as this bed never applied it.
  const { app, url } = await startServiceApp({
    module: VictimSupportModule.register(config, testKeyProvider),
    nest: { bufferLogs: true },
    prepare: (created) => created.useLogger(created.get(Logger)),
    ...(options.withConsumer
      ? { consumer: { clientId: group, brokers: config.KAFKA_BROKERS, groupId: group } }
      : {}),
  });
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
  await publishEvent(
    producer,
    victimSupportReferralRequestedV1,
    data.reference,
    { municipalityCode: OFFICE, ...data, consentGiven: true },
    { source: '/reintegra/intake', actor: 'system:intake', contentTypeHeader: true },
  );
}

export const testProducer = (): Promise<Producer> =>
  startTestProducer('victim-support-test-intake');

/** A test user: its token carries `municipality` when `municipalityCode` is set. */
export interface TestUser {
  subject: string;
  roles: Role[];
  municipalityCode?: string;
}

/** A tiny HTTP client that acts as one test user. */
export const as = (url: string, user: TestUser | null) =>
  testUserClient<{ code?: string }>(url, user);

export const uniqueSubject = (label: string) => `${label}-${randomBytes(4).toString('hex')}`;
