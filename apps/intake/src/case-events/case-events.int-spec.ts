import { Kafka, type Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  caseStatusChangedV1,
  CLOUDEVENTS_CONTENT_TYPE,
  createEvent,
  deadLetterTopicOf,
  type EventDefinition,
  type EventEnvelope,
  followUpDueV1,
  pathPhaseChangedV1,
  referralRoutedV1,
  referralStatusChangedV1,
  TOPICS,
} from '@reintegra/event-contracts';
import { DLQ_HEADERS } from '@reintegra/platform-messaging';
import { currentTestStack, eventually } from '@reintegra/testing';
import {
  eventsOf,
  moveCase,
  newCase,
  registerPerson,
  useCaseFlowSuite,
} from '../testing/case-flow-fixtures';

/**
 * Intake keeps its referral rows and case statuses current from what the services report and
 * what the reintegration path decides: once per event, illegal reports dead-lettered with why.
 */
const stack = currentTestStack();
const GROUP = `intake-case-events-${randomUUID().slice(0, 8)}`;
const PROVIDER = 'oficina-empleo-la-paz-este';
const intake = useCaseFlowSuite(
  [
    TOPICS.intakeReturnees,
    deadLetterTopicOf(TOPICS.referralStatus),
    deadLetterTopicOf(TOPICS.pathEvents),
  ],
  { ownConsumerGroup: { groupId: GROUP, topics: [TOPICS.referralStatus, TOPICS.pathEvents] } },
);
let producer: Producer;

async function send<T>(
  definition: EventDefinition,
  caseId: string,
  data: T,
  source = '/reintegra/employment',
): Promise<EventEnvelope<T>> {
  const event = createEvent(definition, {
    subject: caseId,
    source,
    actor: 'system:test',
    correlationId: randomUUID(),
    data,
  }) as EventEnvelope<T>;
  await resend(definition, event);
  return event;
}

/** Delivers an event (again): Kafka delivers at least once. */
async function resend(definition: EventDefinition, event: EventEnvelope<unknown>) {
  await producer.send({
    topic: definition.topic,
    messages: [
      {
        key: event.subject,
        value: JSON.stringify(event),
        headers: { 'content-type': CLOUDEVENTS_CONTENT_TYPE },
      },
    ],
  });
}

/** Dead letters of this suite's consumer, with the reason and detail. */
function deadLetters() {
  return intake.recorder.messages
    .filter((m) => m.topic.endsWith('.dlq') && m.headers[DLQ_HEADERS.consumer] === GROUP)
    .map((m) => ({
      eventId: (JSON.parse(m.value ?? '{}') as { id?: string }).id,
      reason: m.headers[DLQ_HEADERS.reason],
      detail: m.headers[DLQ_HEADERS.detail],
    }));
}

/**
 * Waits until everything sent before for this case on a topic has been handled: a sentinel for
 * an unknown referral, keyed like the case (same partition, so handled after), is dead-lettered.
 */
async function settled(caseId: string, topic: 'status' | 'path'): Promise<void> {
  const referralId = randomUUID();
  const sentinel =
    topic === 'status'
      ? await send(referralStatusChangedV1, caseId, report({ caseId, referralId }, 'accepted'))
      : await send(
          referralRoutedV1,
          caseId,
          {
            referralId,
            caseId,
            service: 'employment',
            priority: 'normal',
            providerId: PROVIDER,
            action: 'asked',
            occurredAt: new Date().toISOString(),
          },
          '/reintegra/orchestrator',
        );
  await eventually(() =>
    expect(deadLetters().map((letter) => letter.eventId)).toContain(sentinel.id),
  );
}

async function referralRow(referralId: string) {
  const [row] = (await intake.app
    .get(DataSource)
    .query(
      'SELECT status, status_reason, accepted_by, acknowledge_by, status_changed_at FROM referrals WHERE id = $1',
      [referralId],
    )) as Array<{
    status: string;
    status_reason: string | null;
    accepted_by: string | null;
    acknowledge_by: Date;
    status_changed_at: Date;
  }>;
  return row;
}

async function caseWithReferral(): Promise<{ caseId: string; referralId: string }> {
  const { caseId } = await registerPerson(intake);
  await intake.call('POST', `/cases/${caseId}/consents`, intake.tokens.officer, {
    purpose: 'service-referral',
    scope: 'employment',
    formVersion: 'CONS-2026-01',
  });
  const referral = await intake.call('POST', `/cases/${caseId}/referrals`, intake.tokens.officer, {
    service: 'employment',
    priority: 'urgent',
    providerIds: [PROVIDER, 'ong-empleo'],
  });
  expect(referral.status).toBe(201);
  return { caseId, referralId: referral.body['id'] as string };
}

const report = (
  target: { caseId: string; referralId: string },
  status: string,
  extra: Record<string, unknown> = {},
) => ({
  referralId: target.referralId,
  caseId: target.caseId,
  service: 'employment',
  providerId: PROVIDER,
  status,
  occurredAt: new Date().toISOString(),
  ...extra,
});

beforeAll(async () => {
  producer = new Kafka({ brokers: stack.kafkaBrokers, clientId: GROUP, logLevel: 1 }).producer();
  await producer.connect();
});

afterAll(async () => {
  await producer?.disconnect();
});

describe('referral status from the services and the path', () => {
  it('follows the closed loop: routed → sent, accepted, in progress (once per event), completed; the views show it', async () => {
    const target = await caseWithReferral();
    const acknowledgeBy = new Date(Date.now() + 72 * 3_600_000).toISOString();
    await send(
      referralRoutedV1,
      target.caseId,
      {
        referralId: target.referralId,
        caseId: target.caseId,
        service: 'employment',
        priority: 'urgent',
        providerId: PROVIDER,
        action: 'asked',
        acknowledgeBy,
        occurredAt: new Date().toISOString(),
      },
      '/reintegra/orchestrator',
    );
    await eventually(async () => {
      const row = await referralRow(target.referralId);
      expect(row?.status).toBe('sent');
      expect(row?.acknowledge_by.toISOString()).toBe(acknowledgeBy);
    });

    await send(referralStatusChangedV1, target.caseId, report(target, 'accepted'));
    await eventually(async () =>
      expect(await referralRow(target.referralId)).toMatchObject({
        status: 'accepted',
        accepted_by: PROVIDER,
      }),
    );
    const started = await send(
      referralStatusChangedV1,
      target.caseId,
      report(target, 'in-progress'),
    );
    await eventually(async () =>
      expect((await referralRow(target.referralId))?.status).toBe('in-progress'),
    );
    // Delivered twice: applied once (a second application would be an illegal in-progress → in-progress).
    await resend(referralStatusChangedV1, started);

    const listed = await intake.call(
      'GET',
      `/cases/${target.caseId}/referrals`,
      intake.tokens.officer,
    );
    expect(listed.body).toEqual([
      expect.objectContaining({
        id: target.referralId,
        status: 'in-progress',
        acceptedBy: PROVIDER,
      }),
    ]);

    const occurredAt = '2026-12-01T15:00:00.000Z';
    await send(referralStatusChangedV1, target.caseId, report(target, 'completed', { occurredAt }));
    await eventually(async () =>
      expect(await referralRow(target.referralId)).toMatchObject({
        status: 'completed',
        status_changed_at: new Date(occurredAt),
      }),
    );
    const view = await intake.call('GET', `/cases/${target.caseId}`, intake.tokens.supervisor);
    expect(view.body['referrals']).toEqual([
      expect.objectContaining({
        id: target.referralId,
        status: 'completed',
        statusChangedAt: occurredAt,
      }),
    ]);
    await settled(target.caseId, 'status');
    expect(deadLetters().filter((letter) => letter.eventId === started.id)).toEqual([]);
  });

  it('records an accepted referral closed as completed directly, as employment reports it', async () => {
    const target = await caseWithReferral();
    await send(referralStatusChangedV1, target.caseId, report(target, 'accepted'));
    await eventually(async () =>
      expect((await referralRow(target.referralId))?.status).toBe('accepted'),
    );
    const completed = await send(
      referralStatusChangedV1,
      target.caseId,
      report(target, 'completed'),
    );
    await eventually(async () =>
      expect((await referralRow(target.referralId))?.status).toBe('completed'),
    );
    expect(deadLetters().map((letter) => letter.eventId)).not.toContain(completed.id);
  });

  it('dead-letters an illegal report with the reason and leaves the referral as it was', async () => {
    const target = await caseWithReferral();
    await send(referralStatusChangedV1, target.caseId, report(target, 'accepted'));
    await eventually(async () =>
      expect((await referralRow(target.referralId))?.status).toBe('accepted'),
    );
    const before = await referralRow(target.referralId);

    const skipping = await send(
      referralStatusChangedV1,
      target.caseId,
      report(target, 'declined', { reasonCode: 'no-vacancy' }),
    );
    const otherProvider = await send(
      referralStatusChangedV1,
      target.caseId,
      report(target, 'in-progress', { providerId: 'ong-empleo' }),
    );
    const revokedByProvider = await send(
      referralStatusChangedV1,
      target.caseId,
      report(target, 'revoked'),
    );
    const unknown = await send(
      referralStatusChangedV1,
      target.caseId,
      report({ caseId: target.caseId, referralId: randomUUID() }, 'accepted'),
    );

    const letters = await eventually(() => {
      const found = deadLetters();
      for (const event of [skipping, otherProvider, revokedByProvider, unknown]) {
        expect(found.map((letter) => letter.eventId)).toContain(event.id);
      }
      return found;
    });
    const letterOf = (event: EventEnvelope) =>
      letters.find((letter) => letter.eventId === event.id);
    expect(letterOf(skipping)).toEqual({
      eventId: skipping.id,
      reason: 'rejected:referral.illegal-transition',
      detail:
        'A referral in status "accepted" cannot move to "declined" (allowed: in-progress, completed, not-completed, revoked, withdrawn).',
    });
    expect(letterOf(otherProvider)?.detail).toBe(
      `Provider ${PROVIDER} already accepted the referral.`,
    );
    expect(letterOf(revokedByProvider)?.detail).toContain('cannot report "revoked"');
    expect(letterOf(unknown)?.reason).toBe('rejected:referral.not-found');
    expect(await referralRow(target.referralId)).toEqual(before);
  });

  it('marks a referral withdrawn when the path closes or its consent is withdrawn, and ignores the withdrawal of a bundle’s other providers', async () => {
    const accepted = await caseWithReferral();
    await send(referralStatusChangedV1, accepted.caseId, report(accepted, 'accepted'));
    const routed = (
      target: { caseId: string; referralId: string },
      providerId: string,
      reasonCode: string,
    ) =>
      send(
        referralRoutedV1,
        target.caseId,
        {
          referralId: target.referralId,
          caseId: target.caseId,
          service: 'employment',
          priority: 'urgent',
          providerId,
          action: 'withdrawn',
          reasonCode,
          occurredAt: new Date().toISOString(),
        },
        '/reintegra/orchestrator',
      );
    await routed(accepted, 'ong-empleo', 'accepted-elsewhere');

    const open = await caseWithReferral();
    await routed(open, PROVIDER, 'path-closed');
    await eventually(async () =>
      expect(await referralRow(open.referralId)).toMatchObject({
        status: 'withdrawn',
        status_reason: 'path-closed',
      }),
    );
    // The person withdrew the service's consent: the path withdraws the referral it rested on.
    const unconsented = await caseWithReferral();
    await routed(unconsented, PROVIDER, 'consent-withdrawn');
    await eventually(async () =>
      expect(await referralRow(unconsented.referralId)).toMatchObject({
        status: 'withdrawn',
        status_reason: 'consent-withdrawn',
      }),
    );
    await settled(accepted.caseId, 'path');
    expect((await referralRow(accepted.referralId))?.status).toBe('accepted');
  });
});

describe('case status from the reintegration path', () => {
  const phase = (caseId: string, from: string, to: string) =>
    send(
      pathPhaseChangedV1,
      caseId,
      { caseId, from, to, occurredAt: new Date().toISOString() },
      '/reintegra/orchestrator',
    );

  it('moves the case to in-services and follow-up as the system, once per event, and publishes the change', async () => {
    const caseId = await newCase(intake);
    await moveCase(intake.app, caseId, 'assessed');
    await moveCase(intake.app, caseId, 'plan-approved');

    const inServices = await phase(caseId, 'plan-approved', 'in-services');
    await eventually(async () =>
      expect(
        (await intake.call('GET', `/cases/${caseId}`, intake.tokens.officer)).body['status'],
      ).toBe('in-services'),
    );
    await resend(pathPhaseChangedV1, inServices);
    await phase(caseId, 'in-services', 'follow-up');
    await eventually(async () => {
      const view = await intake.call('GET', `/cases/${caseId}`, intake.tokens.officer);
      expect(view.body).toMatchObject({
        status: 'follow-up',
        allowedNextStatuses: ['in-services', 'closed'],
      });
    });
    // Phases intake decides itself are echoes: nothing to apply.
    const echo = await phase(caseId, 'follow-up', 'closed');
    await settled(caseId, 'path');
    expect(deadLetters().filter((letter) => letter.eventId === echo.id)).toEqual([]);

    const changes = await eventually(() => {
      const found = eventsOf(intake.recorder.messages, caseId)
        .filter((e) => e.type === caseStatusChangedV1.type && e.actor === 'system:intake')
        .map((e) => e.data as { from: string; to: string });
      expect(found).toEqual([
        expect.objectContaining({ from: 'plan-approved', to: 'in-services' }),
        expect.objectContaining({ from: 'in-services', to: 'follow-up' }),
      ]);
      return found;
    });
    expect(changes).toHaveLength(2);
    expect(
      (await intake.call('GET', `/cases/${caseId}`, intake.tokens.officer)).body['status'],
    ).toBe('follow-up');
  });

  it('records the follow-up waves the path calls for, once per event', async () => {
    const caseId = await newCase(intake);
    const due = (wave: number) =>
      send(
        followUpDueV1,
        caseId,
        { caseId, wave, dueAt: new Date().toISOString() },
        '/reintegra/orchestrator',
      );
    const wavesDue = async () =>
      (
        await intake.app
          .get(DataSource)
          .query(`SELECT follow_up_waves_due AS n FROM return_episodes WHERE id = $1`, [caseId])
      )[0].n as number;
    await due(1);
    const second = await due(2);
    await resend(followUpDueV1, second);
    await eventually(async () => expect(await wavesDue()).toBe(2));
    await due(1); // late and out of order: never lowers the count
    await settled(caseId, 'path');
    expect(await wavesDue()).toBe(2);
  });

  it('dead-letters a phase the case cannot take, naming the allowed statuses', async () => {
    const caseId = await newCase(intake);
    const illegal = await phase(caseId, 'plan-approved', 'in-services');
    const letter = await eventually(() => {
      const found = deadLetters().find((l) => l.eventId === illegal.id);
      expect(found).toBeDefined();
      return found;
    });
    expect(letter).toEqual({
      eventId: illegal.id,
      reason: 'rejected:case.illegal-transition',
      detail: 'A case in status "open" cannot move to "in-services" (allowed: assessed, closed).',
    });
    expect(
      (await intake.call('GET', `/cases/${caseId}`, intake.tokens.officer)).body['status'],
    ).toBe('open');
  });
});
