import { randomUUID } from 'node:crypto';
import type { EventEnvelope } from '@reintegra/event-contracts';
import { hourOf } from '../victim-support-dispatch.service';
import { type AttackerMessage, joinScore } from './unlinkability-attacker';

function message(
  subject: string,
  time: string,
  extra: Partial<EventEnvelope<Record<string, unknown>>> = {},
): AttackerMessage {
  return {
    topic: 't',
    partition: 0,
    offset: Math.floor(Math.random() * 1e6) * 10,
    kafkaTime: Date.parse(time),
    event: {
      specversion: '1.0',
      id: randomUUID(),
      source: '/x',
      type: 'x',
      subject,
      time,
      datacontenttype: 'application/json',
      correlationid: randomUUID(),
      actor: 'system:x',
      data: {},
      ...extra,
    },
  };
}

describe('the join attacker', () => {
  const [caseA, caseB, refA, refB] = [randomUUID(), randomUUID(), randomUUID(), randomUUID()];
  const truth = new Map([
    [refA, caseA],
    [refB, caseB],
  ]);

  it('joins by equal time and by causation', () => {
    const a = message(caseA, '2026-12-04T05:00:00.123Z');
    const b = message(caseB, '2026-12-04T05:00:07.456Z');
    const caseSide = [a, { ...b, event: { ...b.event, causationid: 'c-b' } }];
    // One right pairing each, not the 1/2 of a tie.
    const byTime = { caseSide, referenceSide: [message(refA, '2026-12-04T05:00:00.123Z')] };
    expect(joinScore('equal-time', byTime, truth)).toBe(1);
    const byIds = {
      caseSide,
      referenceSide: [message(refB, '2026-12-04T06:00:00.000Z', { id: 'c-b' })],
    };
    expect(joinScore('shared-ids', byIds, truth)).toBe(1);
  });

  it('gets chance only when every candidate ties', () => {
    const sides = {
      caseSide: [
        message(caseA, '2026-12-04T05:00:00.000Z'),
        message(caseB, '2026-12-04T05:00:00.000Z'),
      ],
      referenceSide: [
        message(refA, '2026-12-04T05:00:00.000Z'),
        message(refB, '2026-12-04T05:00:00.000Z'),
      ],
    };
    // Two references, each a coin toss between two cases.
    expect(joinScore('equal-time', sides, truth)).toBe(1);
    expect(joinScore('near-time', sides, truth)).toBe(1);
  });
});

describe('hourOf', () => {
  it('keeps the hour only', () => {
    expect(hourOf(new Date('2026-12-04T05:59:59.999Z')).toISOString()).toBe(
      '2026-12-04T05:00:00.000Z',
    );
  });
});
