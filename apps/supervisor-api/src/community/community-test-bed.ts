import type { Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  activityChangedV1,
  createEvent,
  type EventDefinition,
  participationMilestoneV1,
  TOPICS,
} from '@reintegra/event-contracts';
import { eventually } from '@reintegra/testing';
import type { z } from 'zod';
import type { Queryable } from '../projection/projection-core';

/** Builders and helpers of the community inclusion integration test. */

export type Origin = 'returnee' | 'resident' | 'family' | 'official';
export interface Person {
  readonly participantId: string;
  readonly origin: Origin;
  readonly municipalityCode: string;
}
type Milestone = z.input<typeof participationMilestoneV1.data>['milestone'];

/** A time on a fixed test day, by minute: facts are ordered by their own times. */
const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 15, minute)).toISOString();

function communityEvent<S extends z.ZodType>(
  definition: EventDefinition<S>,
  subject: string,
  data: z.input<S>,
) {
  return createEvent(definition, {
    subject,
    source: '/reintegra/community-inclusion',
    actor: 'system:community-inclusion',
    correlationId: randomUUID(),
    data,
  });
}

export function activityEvent(
  activityId: string,
  municipalityCode: string,
  change: 'opened' | 'closed',
  minute: number,
) {
  return communityEvent(activityChangedV1, activityId, {
    activityId,
    providerId: 'casa-de-la-cultura',
    municipalityCode,
    kind: 'recreation',
    change,
    open: change === 'opened',
    capacity: 30,
    seatsTaken: 0,
    targetGroups: ['returnees', 'residents'],
    languages: ['es'],
    occurredAt: at(minute),
  });
}

export function milestoneEvent(
  person: Person,
  activityId: string,
  step: Milestone,
  minute: number,
) {
  return communityEvent(participationMilestoneV1, person.participantId, {
    participantId: person.participantId,
    activityId,
    municipalityCode: person.municipalityCode,
    origin: person.origin,
    ...(person.origin === 'returnee' ? { caseId: randomUUID() } : {}),
    milestone: step,
    ...(step === 'sustained' || step === 'dropped-off'
      ? { ruleVersion: '2026-12', attendedSessions: 6, eligibleSessions: 7 }
      : {}),
    ...(step === 'withdrawn' ? { reasonCode: 'participant-declined' } : {}),
    occurredAt: at(minute),
  });
}

/** Waits until the read model has applied everything published on the community topic so far. */
export async function communityCaughtUp(kafka: Kafka, db: Queryable): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = await admin.fetchTopicOffsets(TOPICS.communityEvents);
  await admin.disconnect();
  await eventually(
    async () => {
      const rows = (await db.query(
        `SELECT partition, next_offset AS "next" FROM projection_positions WHERE topic = $1`,
        [TOPICS.communityEvents],
      )) as { partition: number; next: string }[];
      for (const end of ends.filter((e) => BigInt(e.high) > BigInt(e.low))) {
        const row = rows.find((r) => r.partition === end.partition);
        expect(BigInt(row?.next ?? '0')).toBeGreaterThanOrEqual(BigInt(end.high));
      }
    },
    { timeoutMs: 60_000, intervalMs: 250 },
  );
}

/** Stands in for the community service's outcomes API (its own suite tests the aggregates). */
export async function startCommunityStub(answer: unknown) {
  const requests: { url: string; headers: IncomingMessage['headers'] }[] = [];
  const server = createServer((request, response) => {
    requests.push({ url: request.url ?? '', headers: request.headers });
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
