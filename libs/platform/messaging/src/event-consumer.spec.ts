import type { KafkaContext } from '@nestjs/microservices';
import { randomUUID } from 'node:crypto';
import { createEvent, returneeRegisteredV1 } from '@reintegra/event-contracts';
import { ConflictError } from '@reintegra/platform-errors';
import type { DeadLetter, DeadLetterPublisher } from './dead-letter.publisher';
import { EventConsumer, type EventConsumerOptions } from './event-consumer';

const options: EventConsumerOptions = {
  groupId: 'test-group',
  maxAttempts: 3,
  retryDelayMs: 1,
  pauseOnInfrastructureFailureMs: 60_000,
};

function validEvent() {
  const caseId = randomUUID();
  return createEvent(returneeRegisteredV1, {
    subject: caseId,
    source: '/reintegra/intake',
    actor: 'system:test',
    correlationId: randomUUID(),
    data: {
      caseId,
      returneeId: randomUUID(),
      episodeNumber: 1,
      municipalityCode: 'SV-PA-LA-PAZ-ESTE',
      returnDate: '2026-11-20',
      countryReturnedFrom: 'US',
      minor: false,
      registeredAt: '2026-11-20T10:00:00.000Z',
    },
  });
}

/** A KafkaContext double recording commits, pauses and seeks. */
function fakeContext(value: string, offset = '41') {
  const consumer = {
    commitOffsets: jest.fn().mockResolvedValue(undefined),
    pause: jest.fn(),
    resume: jest.fn(),
    seek: jest.fn(),
  };
  const context = {
    getMessage: () => ({ offset, key: Buffer.from('k'), value: Buffer.from(value), headers: {} }),
    getTopic: () => 'reintegra.intake.returnees',
    getPartition: () => 2,
    getConsumer: () => consumer,
    getHeartbeat: () => jest.fn().mockResolvedValue(undefined),
  } as unknown as KafkaContext;
  return { context, consumer };
}

function setup(publish: (letter: DeadLetter) => Promise<void> = async () => undefined) {
  const letters: DeadLetter[] = [];
  const publisher = {
    publish: jest.fn(async (letter: DeadLetter) => {
      await publish(letter);
      letters.push(letter);
    }),
  } as unknown as DeadLetterPublisher;
  return { consumer: new EventConsumer(publisher, options), letters };
}

const committedNext = [{ topic: 'reintegra.intake.returnees', partition: 2, offset: '42' }];

describe('EventConsumer', () => {
  it('hands a valid event to its handler, then commits the next offset', async () => {
    const { consumer, letters } = setup();
    const event = validEvent();
    const handler = jest.fn().mockResolvedValue(undefined);
    const { context, consumer: kafka } = fakeContext(JSON.stringify(event));
    await consumer.consume(context, { [returneeRegisteredV1.type]: handler });
    expect(handler).toHaveBeenCalledWith(expect.objectContaining({ id: event.id }), {
      topic: 'reintegra.intake.returnees',
      partition: 2,
      offset: '41',
    });
    expect(letters).toHaveLength(0);
    expect(kafka.commitOffsets).toHaveBeenCalledWith(committedNext);
  });

  it('dead-letters a message that breaks its contract, unchanged, and commits', async () => {
    const { consumer, letters } = setup();
    const { context, consumer: kafka } = fakeContext('{"not": "an event"}');
    await consumer.consume(context, {});
    expect(letters).toEqual([
      expect.objectContaining({ reason: 'invalid-envelope', offset: '41', consumer: 'test-group' }),
    ]);
    expect(letters[0]?.value?.toString()).toBe('{"not": "an event"}');
    expect(kafka.commitOffsets).toHaveBeenCalledWith(committedNext);
  });

  it('skips valid events it has no handler for (others need them), committing them in bulk', async () => {
    const { consumer, letters } = setup();
    const { context, consumer: kafka } = fakeContext(JSON.stringify(validEvent()));
    await consumer.consume(context, {});
    expect(letters).toHaveLength(0);
    expect(kafka.commitOffsets).not.toHaveBeenCalled();
    for (let i = 1; i < 500; i += 1) await consumer.consume(context, {});
    expect(kafka.commitOffsets).toHaveBeenCalledTimes(1);
    expect(kafka.commitOffsets).toHaveBeenCalledWith(committedNext);
  });

  it('commits skipped events within a second when nothing follows them on the partition', async () => {
    const { consumer } = setup();
    const { context, consumer: kafka } = fakeContext(JSON.stringify(validEvent()));
    await consumer.consume(context, {});
    await consumer.consume(context, {});
    expect(kafka.commitOffsets).not.toHaveBeenCalled();
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(kafka.commitOffsets).toHaveBeenCalledTimes(1);
    expect(kafka.commitOffsets).toHaveBeenCalledWith(committedNext);
  });

  it('retries a transient failure a bounded number of times, then dead-letters it', async () => {
    const { consumer, letters } = setup();
    const handler = jest.fn().mockRejectedValue(new Error('temporal unavailable'));
    const { context, consumer: kafka } = fakeContext(JSON.stringify(validEvent()));
    await consumer.consume(context, { [returneeRegisteredV1.type]: handler });
    expect(handler).toHaveBeenCalledTimes(3);
    expect(letters).toEqual([expect.objectContaining({ reason: 'processing-failed' })]);
    expect(letters[0]?.detail).toContain('after 3 attempts: temporal unavailable');
    expect(kafka.commitOffsets).toHaveBeenCalledWith(committedNext);
  });

  it('waits out PostgreSQL restarting (not counted towards the dead-letter topic), then handles it', async () => {
    const { consumer, letters } = setup();
    // What pg raises while the server starts up, wrapped as TypeORM wraps it.
    const starting = Object.assign(new Error('query failed'), {
      driverError: Object.assign(new Error('the database system is starting up'), {
        code: '57P03',
      }),
    });
    const handler = jest.fn();
    for (let i = 0; i < 5; i += 1) handler.mockRejectedValueOnce(starting);
    handler.mockResolvedValueOnce(undefined);
    const { context, consumer: kafka } = fakeContext(JSON.stringify(validEvent()));
    await consumer.consume(context, { [returneeRegisteredV1.type]: handler });
    expect(handler).toHaveBeenCalledTimes(6);
    expect(letters).toHaveLength(0);
    expect(kafka.commitOffsets).toHaveBeenCalledWith(committedNext);
  });

  it('dead-letters a domain rejection at once, without retrying', async () => {
    const { consumer, letters } = setup();
    const handler = jest
      .fn()
      .mockRejectedValue(new ConflictError('case.closed', { es: 'cerrado', en: 'closed' }));
    const { context } = fakeContext(JSON.stringify(validEvent()));
    await consumer.consume(context, { [returneeRegisteredV1.type]: handler });
    expect(handler).toHaveBeenCalledTimes(1);
    expect(letters).toEqual([expect.objectContaining({ reason: 'rejected:case.closed' })]);
  });

  it('neither commits nor skips when even the dead-letter topic fails: rewinds and pauses', async () => {
    const { consumer } = setup(async () => {
      throw new Error('broker down');
    });
    const { context, consumer: kafka } = fakeContext('not json');
    await consumer.consume(context, {});
    expect(kafka.commitOffsets).not.toHaveBeenCalled();
    expect(kafka.pause).toHaveBeenCalledWith([
      { topic: 'reintegra.intake.returnees', partitions: [2] },
    ]);
    expect(kafka.seek).toHaveBeenCalledWith({
      topic: 'reintegra.intake.returnees',
      partition: 2,
      offset: '41',
    });
  });
});

describe('EventConsumer with several events of a partition in flight', () => {
  const concurrent: EventConsumerOptions = { ...options, concurrency: 4 };

  /** Contexts of one partition sharing one consumer double; each message with its own key. */
  function partition() {
    const consumer = {
      commitOffsets: jest.fn().mockResolvedValue(undefined),
      pause: jest.fn(),
      resume: jest.fn(),
      seek: jest.fn(),
    };
    const message = (offset: number, key: string, value: string) =>
      ({
        getMessage: () => ({
          offset: String(offset),
          key: Buffer.from(key),
          value: Buffer.from(value),
          headers: {},
        }),
        getTopic: () => 'reintegra.intake.returnees',
        getPartition: () => 2,
        getConsumer: () => consumer,
        getHeartbeat: () => jest.fn().mockResolvedValue(undefined),
      }) as unknown as KafkaContext;
    return { consumer, message };
  }

  /** A handler whose calls stay open until released, recording which event ids started. */
  function gatedHandler() {
    const started: string[] = [];
    const gates = new Map<string, () => void>();
    const handler = jest.fn(
      (event: { id: string }) =>
        new Promise<void>((resolve) => {
          started.push(event.id);
          gates.set(event.id, resolve);
        }),
    );
    const release = (id: string) => gates.get(id)?.();
    return { handler, started, release };
  }

  async function until(condition: () => boolean): Promise<void> {
    for (let i = 0; i < 200 && !condition(); i += 1) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(condition()).toBe(true);
  }

  const settle = async () => {
    for (let i = 0; i < 20; i += 1) await new Promise((resolve) => setImmediate(resolve));
  };

  it("handles different keys side by side, a key's events one after the other in offset order", async () => {
    const publisher = { publish: jest.fn() } as unknown as DeadLetterPublisher;
    const consumer = new EventConsumer(publisher, concurrent);
    const { message } = partition();
    const { handler, started, release } = gatedHandler();
    const events = [validEvent(), validEvent(), validEvent()];
    const [a1, b1, a2] = events.map((e) => e.id);
    const handlers = { [returneeRegisteredV1.type]: handler };
    await consumer.consume(message(0, 'case-a', JSON.stringify(events[0])), handlers);
    await consumer.consume(message(1, 'case-b', JSON.stringify(events[1])), handlers);
    await consumer.consume(message(2, 'case-a', JSON.stringify(events[2])), handlers);

    // Case b does not wait for case a; case a's second event waits for its first.
    await until(() => started.length === 2);
    expect(started).toEqual([a1, b1]);
    release(b1 as string);
    await settle();
    expect(started).toEqual([a1, b1]);
    release(a1 as string);
    await until(() => started.length === 3);
    expect(started).toEqual([a1, b1, a2]);
    release(a2 as string);
  });

  it('commits only up to the lowest unfinished message, then past everything finished', async () => {
    const publisher = { publish: jest.fn() } as unknown as DeadLetterPublisher;
    const consumer = new EventConsumer(publisher, concurrent);
    const { consumer: kafka, message } = partition();
    const { handler, started, release } = gatedHandler();
    const events = [validEvent(), validEvent(), validEvent()];
    const handlers = { [returneeRegisteredV1.type]: handler };
    for (const [i, event] of events.entries())
      await consumer.consume(message(10 + i, `case-${i}`, JSON.stringify(event)), handlers);
    await until(() => started.length === 3);

    // 11 and 12 are done, 10 is not: nothing may be committed (a crash must redeliver 10).
    release(events[1]?.id as string);
    release(events[2]?.id as string);
    await settle();
    expect(kafka.commitOffsets).not.toHaveBeenCalled();

    release(events[0]?.id as string);
    await until(() => kafka.commitOffsets.mock.calls.length > 0);
    await settle();
    expect(kafka.commitOffsets).toHaveBeenCalledTimes(1);
    expect(kafka.commitOffsets).toHaveBeenCalledWith([
      { topic: 'reintegra.intake.returnees', partition: 2, offset: '13' },
    ]);
  });

  it('takes no more than `concurrency` events of a partition at once', async () => {
    const publisher = { publish: jest.fn() } as unknown as DeadLetterPublisher;
    const consumer = new EventConsumer(publisher, { ...options, concurrency: 2 });
    const { message } = partition();
    const { handler, started, release } = gatedHandler();
    const events = [validEvent(), validEvent(), validEvent()];
    const handlers = { [returneeRegisteredV1.type]: handler };
    await consumer.consume(message(0, 'case-a', JSON.stringify(events[0])), handlers);
    let secondReturned = false;
    const second = consumer
      .consume(message(1, 'case-b', JSON.stringify(events[1])), handlers)
      .then(() => (secondReturned = true));
    await until(() => started.length === 2);
    // The partition is full: Kafka is not handed back the turn until one of them finishes.
    expect(secondReturned).toBe(false);
    release(events[0]?.id as string);
    await second;
    // Room for one more again; while it runs, the partition is full once more.
    const third = consumer.consume(message(2, 'case-c', JSON.stringify(events[2])), handlers);
    await until(() => started.length === 3);
    release(events[1]?.id as string);
    await third;
    release(events[2]?.id as string);
  });

  it("leaves a key's later events alone when an earlier one could not even be dead-lettered", async () => {
    const publisher = {
      publish: jest.fn().mockRejectedValue(new Error('broker down')),
    } as unknown as DeadLetterPublisher;
    const consumer = new EventConsumer(publisher, concurrent);
    const { consumer: kafka, message } = partition();
    const handler = jest.fn().mockResolvedValue(undefined);
    const handlers = { [returneeRegisteredV1.type]: handler };
    await consumer.consume(message(5, 'case-a', 'not json'), handlers);
    await consumer.consume(message(6, 'case-a', JSON.stringify(validEvent())), handlers);
    await until(() => kafka.seek.mock.calls.length > 0);
    await settle();
    // The partition is rewound to the message left unprocessed; the next one of its case waits
    // for the redelivery instead of overtaking it.
    expect(kafka.seek).toHaveBeenCalledWith({
      topic: 'reintegra.intake.returnees',
      partition: 2,
      offset: '5',
    });
    expect(handler).not.toHaveBeenCalled();
    expect(kafka.commitOffsets).not.toHaveBeenCalled();
  });

  it('rewinds to the lowest unfinished message, so one waiting for its key below the failure is not lost', async () => {
    const publisher = {
      publish: jest.fn().mockRejectedValue(new Error('broker down')),
    } as unknown as DeadLetterPublisher;
    const consumer = new EventConsumer(publisher, concurrent);
    const { consumer: kafka, message } = partition();
    const { handler, started, release } = gatedHandler();
    const handlers = { [returneeRegisteredV1.type]: handler };
    const [a1, a2] = [validEvent(), validEvent()];
    await consumer.consume(message(5, 'case-a', JSON.stringify(a1)), handlers);
    // 6 waits behind 5 (same case) when 7, another case's, cannot even be dead-lettered.
    await consumer.consume(message(6, 'case-a', JSON.stringify(a2)), handlers);
    await consumer.consume(message(7, 'case-b', 'not json'), handlers);
    await until(() => kafka.seek.mock.calls.length > 0);
    release(a1.id);
    await settle();
    // Seeking to 7 would skip 6 for good: its turn came after the rewind, so it was left alone.
    expect(kafka.seek).toHaveBeenCalledTimes(1);
    expect(kafka.seek).toHaveBeenCalledWith({
      topic: 'reintegra.intake.returnees',
      partition: 2,
      offset: '5',
    });
    expect(started).toEqual([a1.id]);
    expect(kafka.commitOffsets).not.toHaveBeenCalled();
  });

  it('seeks once when two messages fail together, to the lower of them', async () => {
    const publish = jest.fn().mockRejectedValue(new Error('broker down'));
    const publisher = { publish } as unknown as DeadLetterPublisher;
    const consumer = new EventConsumer(publisher, concurrent);
    const { consumer: kafka, message } = partition();
    const handlers = { [returneeRegisteredV1.type]: jest.fn() };
    await consumer.consume(message(20, 'case-a', 'not json'), handlers);
    await consumer.consume(message(21, 'case-b', 'not json'), handlers);
    await until(() => publish.mock.calls.length === 2);
    await settle();
    expect(kafka.seek.mock.calls).toEqual([
      [{ topic: 'reintegra.intake.returnees', partition: 2, offset: '20' }],
    ]);
  });

  it('lets the events in flight finish at shutdown and takes no new ones', async () => {
    const publisher = { publish: jest.fn() } as unknown as DeadLetterPublisher;
    const consumer = new EventConsumer(publisher, concurrent);
    const { consumer: kafka, message } = partition();
    const { handler, started, release } = gatedHandler();
    const event = validEvent();
    const handlers = { [returneeRegisteredV1.type]: handler };
    await consumer.consume(message(0, 'case-a', JSON.stringify(event)), handlers);
    await until(() => started.length === 1);
    let drained = false;
    const shutdown = consumer.beforeApplicationShutdown().then(() => (drained = true));
    await consumer.consume(message(1, 'case-b', JSON.stringify(validEvent())), handlers);
    await settle();
    expect(drained).toBe(false);
    release(event.id);
    await shutdown;
    expect(started).toEqual([event.id]);
    expect(kafka.commitOffsets).toHaveBeenCalledWith([
      { topic: 'reintegra.intake.returnees', partition: 2, offset: '1' },
    ]);
  });
});
