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
