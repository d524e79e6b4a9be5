import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { referralRevokedV1, TOPICS } from '@reintegra/event-contracts';
import { metricsRegistry } from '@reintegra/platform-http';
import { eventOriginOf } from './event-context';
import type { EventConsumerOptions } from './event-consumer';
import { Inbox, type InboxContext } from './inbox';
import { MessagingTables1764201600000 } from './messaging-tables.migration';
import { OutboxWriter } from './outbox';

/** The one inbox entry point and the one event writer, on a real PostgreSQL (database platform_test). */
const url = (role: 'app' | 'migrator') =>
  `postgres://platform_${role}:platform_${role}_pw@${process.env['PG_HOST']}:${process.env['PG_PORT']}/platform_test`;

const origin = eventOriginOf('test-service');
const consumerOptions: EventConsumerOptions = {
  groupId: 'test-service-group',
  maxAttempts: 3,
  retryDelayMs: 10,
  pauseOnInfrastructureFailureMs: 100,
};
const context = { actor: 'user:officer-1', correlationId: randomUUID() };
const revoked = (caseId: string) => ({
  referralId: randomUUID(),
  caseId,
  reasonCode: 'plan-changed',
  revokedAt: new Date().toISOString(),
});

let migrator: DataSource;
let app: DataSource;
let writer: OutboxWriter;
let inbox: Inbox;

beforeAll(async () => {
  migrator = await new DataSource({ type: 'postgres', url: url('migrator') }).initialize();
  await migrator.query('DROP TABLE IF EXISTS outbox_messages, inbox_messages');
  const runner = migrator.createQueryRunner();
  await new MessagingTables1764201600000().up(runner);
  await runner.release();
  app = await new DataSource({ type: 'postgres', url: url('app') }).initialize();
  writer = new OutboxWriter(origin);
  inbox = new Inbox(app, consumerOptions, origin);
});

afterAll(async () => {
  await app?.destroy();
  await migrator?.destroy();
});

const outboxRows = (eventId: string) =>
  app.query<{ topic: string; message_key: string; payload: Record<string, unknown> }[]>(
    'SELECT topic, message_key, payload FROM outbox_messages WHERE event_id = $1',
    [eventId],
  );

describe('OutboxWriter.publish', () => {
  it('writes a valid envelope with the service source, the caller context and the subject as key', async () => {
    const caseId = randomUUID();
    const event = await app.transaction((manager) =>
      writer.publish(
        manager,
        referralRevokedV1,
        { subject: caseId, data: revoked(caseId) },
        context,
      ),
    );
    const [row] = await outboxRows(event.id);
    expect(row.topic).toBe(TOPICS.intakeReferrals);
    expect(row.message_key).toBe(caseId);
    expect(row.payload).toMatchObject({
      source: '/reintegra/test-service',
      type: referralRevokedV1.type,
      subject: caseId,
      actor: 'user:officer-1',
      correlationid: context.correlationId,
    });
    expect(row.payload['causationid']).toBeUndefined();
  });

  it('ignores a repeat of the same event id (a retried step publishes once)', async () => {
    const caseId = randomUUID();
    const id = randomUUID();
    const time = new Date('2026-11-01T10:00:00Z');
    for (let attempt = 0; attempt < 2; attempt += 1) {
      await app.transaction((manager) =>
        writer.publish(
          manager,
          referralRevokedV1,
          { subject: caseId, data: revoked(caseId), id, time },
          context,
        ),
      );
    }
    const rows = await outboxRows(id);
    expect(rows).toHaveLength(1);
    expect(rows[0].payload['time']).toBe(time.toISOString());
  });

  it('refuses data that breaks the contract and writes nothing', async () => {
    const caseId = randomUUID();
    const id = randomUUID();
    await expect(
      app.transaction((manager) =>
        writer.publish(
          manager,
          referralRevokedV1,
          { subject: caseId, data: { ...revoked(caseId), caseId: 'not-a-uuid' }, id },
          context,
        ),
      ),
    ).rejects.toThrow();
    expect(await outboxRows(id)).toHaveLength(0);
  });
});

describe('Inbox', () => {
  const position = { topic: TOPICS.intakeReferrals, partition: 0, offset: '42' };
  const envelope = () => {
    const caseId = randomUUID();
    return {
      specversion: '1.0' as const,
      id: randomUUID(),
      source: '/reintegra/intake',
      type: referralRevokedV1.type,
      subject: caseId,
      time: new Date().toISOString(),
      datacontenttype: 'application/json' as const,
      correlationid: randomUUID(),
      actor: 'user:officer-1',
      data: revoked(caseId),
    };
  };

  it('runs the handler once per event id, as the service, caused by the event', async () => {
    const event = envelope();
    const duplicates = async () =>
      (await metricsRegistry.getSingleMetric('inbox_duplicates_dropped_total')?.get())?.values.find(
        (v) =>
          v.labels['consumer'] === 'test-service-group' && v.labels['topic'] === position.topic,
      )?.value ?? 0;
    const duplicatesBefore = await duplicates();
    const seen: InboxContext[] = [];
    const first = await inbox.handle(event, position, async (_manager, ctx) => {
      seen.push(ctx);
    });
    const second = await inbox.handle(event, position, async (_manager, ctx) => {
      seen.push(ctx);
    });
    expect([first, second]).toEqual([true, false]);
    expect(seen).toHaveLength(1);
    // The dropped repeat is counted for /metrics.
    expect(await duplicates()).toBe(duplicatesBefore + 1);
    expect(seen[0]).toMatchObject({
      actor: 'system:test-service',
      correlationId: event.correlationid,
      causationId: event.id,
      position,
    });
    const [row] = await app.query(
      'SELECT consumer, event_type, topic, partition, "offset" FROM inbox_messages WHERE event_id = $1',
      [event.id],
    );
    expect(row).toEqual({
      consumer: 'test-service-group',
      event_type: referralRevokedV1.type,
      topic: position.topic,
      partition: 0,
      offset: '42',
    });
  });

  it('keeps nothing when the handler fails, so the redelivery runs it again', async () => {
    const event = envelope();
    await expect(
      inbox.handle(event, position, async (manager, ctx) => {
        await writer.publish(
          manager,
          referralRevokedV1,
          { subject: event.subject, data: event.data },
          ctx,
        );
        throw new Error('database hiccup');
      }),
    ).rejects.toThrow('database hiccup');
    expect(
      await app.query('SELECT 1 FROM inbox_messages WHERE event_id = $1', [event.id]),
    ).toHaveLength(0);
    expect(
      await app.query(`SELECT 1 FROM outbox_messages WHERE payload->>'causationid' = $1`, [
        event.id,
      ]),
    ).toHaveLength(0);
    expect(await inbox.handle(event, position, async () => undefined)).toBe(true);
  });

  it('on(definition) handles its type with the parsed data and the event written in answer carries the causation', async () => {
    const event = envelope();
    const handlers = inbox.on(referralRevokedV1, (manager, data, ctx) =>
      writer
        .publish(
          manager,
          referralRevokedV1,
          { subject: data.caseId, data: revoked(data.caseId) },
          ctx,
        )
        .then(() => undefined),
    );
    expect(Object.keys(handlers)).toEqual([referralRevokedV1.type]);
    await handlers[referralRevokedV1.type](event, position);
    await handlers[referralRevokedV1.type](event, position);
    const rows = await app.query<{ payload: Record<string, unknown> }[]>(
      `SELECT payload FROM outbox_messages WHERE payload->>'causationid' = $1`,
      [event.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].payload).toMatchObject({
      actor: 'system:test-service',
      source: '/reintegra/test-service',
      correlationid: event.correlationid,
      subject: event.data.caseId,
    });
  });
});
