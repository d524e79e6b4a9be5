import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Producer } from 'kafkajs';
import type { DataSource } from 'typeorm';
import {
  createEvent,
  type EventDefinition,
  type EventEnvelope,
  TOPICS,
} from '@reintegra/event-contracts';
import {
  currentTestStack,
  findWorkspaceRoot,
  isPortOpen,
  migrateServiceTestDatabase,
  sendEvents,
  serviceTestConfig,
  serviceTestDataSource,
  startGroupAtEnd,
  startServiceApp,
  startTestProducer,
} from '@reintegra/testing';
import { NotificationsModule } from '../notifications.module';
import { notificationsService } from '../service';

/** The stack's SMTP sink (infra/stack.sh): its port and the folder where it keeps messages. */
export function smtpSink() {
  const port = Number(process.env['SMTP_PORT'] ?? 51025);
  const dir = process.env['SMTP_SINK_DIR'] ?? join(findWorkspaceRoot(), '.stack', 'mail');
  return { port, dir };
}

export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
}

/** Messages the sink holds for an address, decoded (single-part text, as the service sends). */
export function mailTo(address: string): ReceivedMail[] {
  const { dir } = smtpSink();
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json') && !name.startsWith('.'))
    .map(
      (name) => JSON.parse(readFileSync(join(dir, name), 'utf8')) as { to: string[]; eml: string },
    )
    .filter((meta) => meta.to.includes(address))
    .map((meta) => ({ to: meta.to, ...parseEml(readFileSync(join(dir, meta.eml), 'utf8')) }));
}

function parseEml(raw: string): { subject: string; text: string } {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) =>
    new RegExp(`^${name}: (.*)$`, 'mi').exec(head)?.[1]?.trim() ?? '';
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body, 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(body)
        : body;
  return { subject: decodeEncodedWords(header('Subject')), text: text.replace(/\r\n/g, '\n') };
}

function decodeQuotedPrintable(body: string): string {
  const joined = body.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i += 1) {
    if (joined[i] === '=' && /^[0-9A-F]{2}$/i.test(joined.slice(i + 1, i + 3))) {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(joined[i] ?? '', 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

function decodeEncodedWords(value: string): string {
  return value.replace(/=\?utf-8\?([QB])\?([^?]*)\?=\s*/gi, (_, kind: string, data: string) =>
    kind.toUpperCase() === 'B'
      ? Buffer.from(data, 'base64').toString('utf8')
      : decodeQuotedPrintable(data.replace(/_/g, ' ')),
  );
}

/** A tiny local HTTP server answering with `answer`; keeps every request it got. */
export async function localHttpServer(
  answer: (request: IncomingMessage, body: string) => { status: number; body?: unknown },
) {
  const requests: { method: string; url: string; authorization?: string; body: string }[] = [];
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      requests.push({
        method: request.method ?? '',
        url: request.url ?? '',
        authorization: request.headers.authorization,
        body,
      });
      const reply = answer(request, body);
      response.writeHead(reply.status, { 'content-type': 'application/json' });
      response.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface TestNotifications {
  app: INestApplication;
  url: string;
  db: DataSource;
  /** Its consumer group (dead letters name it in `dlq-consumer`). */
  group: string;
  stop(): Promise<void>;
}

/**
 * The service in-process on the real PostgreSQL (notifications_test), Kafka and the stack's SMTP
 * sink, as `main.ts` wires it; its consumer group starts at the end of its topics.
 */
export async function startNotifications(env: Record<string, string>): Promise<TestNotifications> {
  const stack = currentTestStack();
  const sink = smtpSink();
  if (!(await isPortOpen('127.0.0.1', sink.port)))
    throw new Error(
      `no SMTP sink on 127.0.0.1:${sink.port}: start the stack (bash infra/stack.sh start)`,
    );
  await migrateServiceTestDatabase(notificationsService);
  const db = await serviceTestDataSource(notificationsService, 2);
  const group = `notifications-test-${randomUUID()}`;
  await startGroupAtEnd(stack.kafkaBrokers, group, [TOPICS.pathEvents, TOPICS.intakeConsents]);
  const config = serviceTestConfig(notificationsService, {
    KAFKA_CONSUMER_GROUP: group,
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(sink.port),
    ...env,
  });
  const { app, url } = await startServiceApp({
    module: NotificationsModule.register(config),
    service: notificationsService,
    consumer: { clientId: group, brokers: config.KAFKA_BROKERS, groupId: group },
    nest: { logger: ['error'] },
  });
  return {
    app,
    url,
    db,
    group,
    stop: async () => {
      await app.close();
      await db.destroy();
    },
  };
}

/** An event as another service's outbox relay would publish it (send it again to repeat it). */
export function eventOf<S extends EventDefinition>(
  definition: S,
  subject: string,
  data: unknown,
): EventEnvelope {
  return createEvent(definition, {
    subject,
    source: '/reintegra/test',
    actor: 'system:test',
    correlationId: randomUUID(),
    data: data as never,
  });
}

export async function send(producer: Producer, topic: string, event: EventEnvelope) {
  await sendEvents(producer, topic, event.subject, [event], { contentTypeHeader: true });
}

export const testProducer = (): Promise<Producer> => startTestProducer('notifications-test');
