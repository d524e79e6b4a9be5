import { randomUUID } from 'node:crypto';
import { connect, Socket } from 'node:net';
import { type Admin, type ISocketFactory, Kafka, logLevel, type Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import { eventOriginOf } from './event-context';
import { createSharedProducer } from './kafka.module';
import { MessagingTables1764201600000 } from './messaging-tables.migration';
import { OutboxRelay } from './outbox';

/**
 * A produce answer lost after the broker wrote the batch (a broker dying mid-request) must not
 * cost the events the relay sends next. The relay runs with the service's shared producer
 * configuration against the real Kafka and PostgreSQL of the stack; a socket factory lets the
 * requests through and loses the answer to one Produce request.
 */
const brokers = (process.env['KAFKA_BROKERS'] ?? '').split(',');
const schema = 'relay_lost_response_test';
const topic = `platform-messaging.relay-lost-response.${randomUUID()}`;
const PRODUCE_API_KEY = 0;

/**
 * Connections that, when armed, close instead of passing on the answer to the next Produce; the
 * broker then stays unreachable (new connections fail) until `restore()`.
 */
class LosingSocketFactory {
  private armed = false;

  private down = false;

  produceAnswersLost = 0;

  arm(): void {
    this.armed = true;
  }

  restore(): void {
    this.down = false;
  }

  readonly create: ISocketFactory = ({ host, port, onConnect }) => {
    if (this.down) {
      const refused = new Socket();
      process.nextTick(() => refused.destroy(new Error(`connect ECONNREFUSED ${host}:${port}`)));
      return refused;
    }
    const socket = connect({ host, port }, onConnect);
    let losing = false;
    const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
    socket.write = ((...args: unknown[]) => {
      const [chunk] = args;
      // Request: int32 size, int16 api key, ... (kafkajs writes one request per write).
      if (
        this.armed &&
        Buffer.isBuffer(chunk) &&
        chunk.length >= 6 &&
        chunk.readInt16BE(4) === PRODUCE_API_KEY
      ) {
        this.armed = false;
        losing = true;
      }
      return write(...args);
    }) as Socket['write'];
    const emit = socket.emit.bind(socket) as (
      event: string | symbol,
      ...args: unknown[]
    ) => boolean;
    socket.emit = ((event: string | symbol, ...args: unknown[]) => {
      if (event === 'data' && losing) {
        // The broker has answered, so the batch is in the log: drop the answer and the connection.
        losing = false;
        this.produceAnswersLost += 1;
        this.down = true;
        socket.destroy();
        // As when the broker goes away: kafkajs fails the requests in flight on 'end'.
        return emit('end');
      }
      return emit(event, ...args);
    }) as Socket['emit'];
    return socket;
  };
}

let db: DataSource;
let admin: Admin;
let producer: Producer;
let relay: OutboxRelay;
const sockets = new LosingSocketFactory();

beforeAll(async () => {
  const url = `postgres://platform_migrator:platform_migrator_pw@${process.env['PG_HOST']}:${process.env['PG_PORT']}/platform_test`;
  // An own schema: the relay sends every pending row of the table it sees.
  const setup = await new DataSource({ type: 'postgres', url }).initialize();
  await setup.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await setup.query(`CREATE SCHEMA ${schema}`);
  await setup.destroy();
  db = await new DataSource({
    type: 'postgres',
    url,
    extra: { options: `-c search_path=${schema}` },
  }).initialize();
  const runner = db.createQueryRunner();
  await new MessagingTables1764201600000().up(runner);
  await runner.release();

  admin = new Kafka({ brokers, clientId: 'relay-test-admin', logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
  // Few, quick retries: the broker stays away longer, so the send fails as in a long failover.
  const kafka = new Kafka({
    brokers,
    clientId: 'relay-test',
    logLevel: logLevel.NOTHING,
    retry: { retries: 2, initialRetryTime: 50, maxRetryTime: 100 },
    socketFactory: sockets.create,
  });
  producer = createSharedProducer(kafka);
  await producer.connect();
  relay = new OutboxRelay(
    db,
    producer,
    { pollIntervalMs: 60_000, batchSize: 3 },
    eventOriginOf('test-service'),
  );
});

afterAll(async () => {
  await producer?.disconnect();
  await admin?.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin?.disconnect();
  await db?.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await db?.destroy();
});

/** Writes outbox rows for the test topic, one key (so one partition and one order); returns the ids. */
async function outboxRows(count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  for (const id of ids) {
    await db.query(
      `INSERT INTO outbox_messages (event_id, topic, message_key, payload) VALUES ($1, $2, $3, $4)`,
      [id, topic, 'case-1', JSON.stringify({ id })],
    );
  }
  return ids;
}

/** Every event id on the topic, read from the start. */
async function eventIdsOnTopic(): Promise<string[]> {
  const [{ high }] = await admin.fetchTopicOffsets(topic);
  const consumer = new Kafka({ brokers, logLevel: logLevel.NOTHING }).consumer({
    groupId: `relay-test-${randomUUID()}`,
  });
  const ids: string[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    await new Promise<void>((resolve, reject) => {
      if (Number(high) === 0) resolve();
      consumer
        .run({
          eachMessage: async ({ message }) => {
            ids.push((JSON.parse(String(message.value)) as { id: string }).id);
            if (Number(message.offset) + 1 >= Number(high)) resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return ids;
}

it('loses no event the relay sends after a produce answer was lost', async () => {
  const first = await outboxRows(3);
  sockets.arm();
  await expect(relay.publishBatch()).rejects.toThrow();
  expect(sockets.produceAnswersLost).toBe(1);
  sockets.restore();
  // The batch did reach the log; its rows stay pending (the relay rolled back).
  expect(await eventIdsOnTopic()).toEqual(first);

  // Another replica claims the first rows meanwhile, so the next batch holds other events.
  const next = await outboxRows(3);
  const claim = db.createQueryRunner();
  await claim.connect();
  await claim.startTransaction();
  await claim.query('SELECT 1 FROM outbox_messages WHERE event_id = ANY($1::uuid[]) FOR UPDATE', [
    first,
  ]);
  try {
    expect(await relay.publishBatch()).toBe(3);
  } finally {
    await claim.rollbackTransaction();
    await claim.release();
  }
  // The claim lapsed: the first rows go again (a real duplicate, which inboxes drop by id).
  const last = await outboxRows(1);
  expect(await relay.publishBatch()).toBe(3);
  expect(await relay.publishBatch()).toBe(1);

  const onTopic = new Set(await eventIdsOnTopic());
  expect([...first, ...next, ...last].filter((id) => !onTopic.has(id))).toEqual([]);
  expect(
    await db.query<{ pending: number }[]>(
      'SELECT count(*)::int AS pending FROM outbox_messages WHERE published_at IS NULL',
    ),
  ).toEqual([{ pending: 0 }]);
});
