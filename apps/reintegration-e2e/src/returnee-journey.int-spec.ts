import { Client as TemporalClient, Connection } from '@temporalio/client';
import { Kafka, type Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import {
  CLOUDEVENTS_CONTENT_TYPE,
  createEvent,
  parseEvent,
  referralStatusChangedV1,
  TOPICS,
} from '@reintegra/event-contracts';
import {
  currentTestStack,
  eventually,
  freshDui,
  journeyAnswers as answers,
  jsonRequest,
  testToken,
  TopicRecorder,
} from '@reintegra/testing';
import { reintegrationPathWorkflowId } from '@reintegra/workflow-contracts';
import { PathServices } from './path-services';

/**
 * An officer's whole journey with one returnee, through the built services as real processes
 * (intake, orchestrator) on the real stack: registration, a duplicate warning, consent, the needs
 * assessment with its three scores, a plan approved by a supervisor that sends the referral, the
 * provider's acceptance moving the path into services, and the supervisor's closure. Every step is
 * checked as an event on Kafka and in the path the workflow reports.
 */
jest.setTimeout(300_000);
const stack = currentTestStack();
const MUNICIPALITY = 'SV-PA-LA-PAZ-ESTE';
const services = new PathServices('journey-e2e', {
  intake: 3211,
  orchestrator: 3212,
  temporalMetrics: 3219,
});
const { intake } = services;
const recorder = new TopicRecorder(stack.kafkaBrokers, [
  TOPICS.intakeReturnees,
  TOPICS.intakeConsents,
  TOPICS.intakeReferrals,
  TOPICS.pathEvents,
]);
const kafka = new Kafka({ brokers: stack.kafkaBrokers, clientId: 'journey-e2e', logLevel: 1 });
let producer: Producer;
let temporal: TemporalClient;
let officer: string;
let supervisor: string;

const call = (method: string, path: string, token: string, body?: unknown, ifMatch?: string) =>
  jsonRequest(`${intake.url}${path}`, method, token, body, ifMatch);

function eventTypesOf(caseId: string): string[] {
  return recorder.messages
    .filter((m) => m.key === caseId)
    .map((m) => parseEvent(m.value))
    .flatMap((p) => (p.ok ? [p.event.type.replace(/^sv\.reintegra\./, '')] : []));
}

async function pathOf(returneeId: string) {
  return eventually(async () => {
    const response = await call('GET', `/returnees/${returneeId}/path`, officer);
    expect(response.status).toBe(200);
    return response.body as {
      path: { phase: string; riskLevel?: string };
      openReferrals: Array<{ service: string; acknowledgeBy?: string; status: string }>;
    };
  });
}

async function phaseBecomes(returneeId: string, phase: string) {
  await eventually(async () => expect((await pathOf(returneeId)).path.phase).toBe(phase), {
    timeoutMs: 60_000,
  });
}

beforeAll(async () => {
  await Promise.all([services.start(), recorder.start()]);
  officer = await testToken({ roles: ['intake-officer'], municipalityCode: MUNICIPALITY });
  supervisor = await testToken({ roles: ['supervisor'], municipalityCode: MUNICIPALITY });
  producer = kafka.producer();
  await producer.connect();
  temporal = new TemporalClient({
    connection: await Connection.connect({ address: stack.temporalAddress }),
    namespace: stack.temporalNamespace,
  });
});

afterAll(async () => {
  await Promise.allSettled([services.stop(), recorder.stop()]);
  await Promise.allSettled([producer?.disconnect(), temporal?.connection.close()]);
});

describe('a returnee’s journey from registration to closure', () => {
  it('runs through intake, Kafka, the orchestrator and the workflow', async () => {
    // 1. Registration, then a second, similar registration is flagged, not merged.
    const tag = randomUUID().slice(0, 6);
    // With a DUI: earlier runs' people (other DUIs) are other people, never candidates.
    const person = {
      dui: freshDui(),
      firstNames: `Wilfredo Antonio ${tag}`,
      lastNames: 'Menjívar Portillo',
      // Apart from earlier runs' people (a candidate needs a birth date within a year).
      dateOfBirth: `${1950 + Math.floor(Math.random() * 50)}-04-19`,
      gender: 'male',
      returnDate: '2026-11-24',
      countryReturnedFrom: 'US',
      receptionPoint: 'aeropuerto-internacional-san-oscar-romero',
      municipalityCode: MUNICIPALITY,
      districtCode: 'SV-PA-LA-PAZ-ESTE/ZACATECOLUCA',
    };
    const registered = await call('POST', '/returnees', officer, person);
    expect(registered.status).toBe(201);
    const returneeId = registered.body['returneeId'] as string;
    const caseId = registered.body['caseId'] as string;
    const { dui: _dui, ...withoutDui } = person;
    const similar = await call('POST', '/returnees', officer, {
      ...withoutDui,
      lastNames: 'Menjivar Portillo',
    });
    expect(similar.status).toBe(409);
    expect(similar.body).toMatchObject({ code: 'returnee.possible-duplicate' });
    expect(similar.body['candidates']).toEqual(
      expect.arrayContaining([expect.objectContaining({ returneeId })]),
    );
    await phaseBecomes(returneeId, 'intake');

    // 2. Consent to be referred to employment.
    const consent = await call('POST', `/cases/${caseId}/consents`, officer, {
      purpose: 'service-referral',
      scope: 'employment',
      formVersion: 'consentimiento-2026-01',
    });
    expect(consent.status).toBe(201);

    // 3. The needs assessment gives the three dimension scores; the path is assessed.
    const assessment = await call('POST', `/cases/${caseId}/assessments`, officer, {
      questionnaireVersion: '2026-11',
      answers,
    });
    expect(assessment.status).toBe(201);
    const scores = await call('GET', `/cases/${caseId}/scores`, officer);
    expect(scores.status).toBe(200);
    const [baseline] = scores.body as unknown as Array<{
      purpose: string;
      scores: Record<'economic' | 'social' | 'psychosocial', number | undefined>;
    }>;
    expect(baseline?.purpose).toBe('baseline');
    for (const dimension of ['economic', 'social', 'psychosocial'] as const) {
      expect(baseline?.scores[dimension]).toEqual(expect.any(Number));
    }
    await phaseBecomes(returneeId, 'assessed');

    // 4. The plan: drafted and submitted by the officer, approved by the supervisor (If-Match),
    //    which opens the consented employment referral.
    const draft = await call('POST', `/cases/${caseId}/plan`, officer, {
      goals: { economic: [{ description: 'Empleo formal en construcción en La Paz Este' }] },
      proposedReferrals: [
        {
          service: 'employment',
          priority: 'urgent',
          providerIds: ['oficina-empleo-la-paz-este'],
          reasonCode: 'seeks-employment',
        },
      ],
    });
    expect(draft.status).toBe(201);
    expect((await call('POST', `/cases/${caseId}/plan/submission`, officer)).status).toBe(200);
    const plan = await call('GET', `/cases/${caseId}/plan`, supervisor);
    const stale = await call('POST', `/cases/${caseId}/plan/approval`, supervisor, {}, '"999"');
    expect(stale.status).toBe(412);
    const approved = await call(
      'POST',
      `/cases/${caseId}/plan/approval`,
      supervisor,
      {},
      plan.etag ?? '',
    );
    expect(approved.status).toBe(200);
    await phaseBecomes(returneeId, 'plan-approved');
    const open = await eventually(async () => {
      const { openReferrals } = await pathOf(returneeId);
      expect(openReferrals).toEqual([
        expect.objectContaining({ service: 'employment', status: 'sent' }),
      ]);
      return openReferrals;
    });
    // Urgent: acknowledged within 72 hours.
    const hoursLeft = (Date.parse(open[0]?.acknowledgeBy ?? '') - Date.now()) / 3_600_000;
    expect(hoursLeft).toBeGreaterThan(71);
    expect(hoursLeft).toBeLessThanOrEqual(72);

    // 5. The employment office accepts (its status event): the path and the case are in services.
    const referrals = await call('GET', `/cases/${caseId}/referrals`, officer);
    const referralId = (referrals.body as unknown as Array<{ id: string }>)[0]?.id ?? '';
    const accepted = createEvent(referralStatusChangedV1, {
      subject: caseId,
      source: '/reintegra/employment-matching',
      actor: 'system:test',
      correlationId: randomUUID(),
      data: {
        referralId,
        caseId,
        service: 'employment',
        providerId: 'oficina-empleo-la-paz-este',
        status: 'accepted',
        occurredAt: new Date().toISOString(),
      },
    });
    await producer.send({
      topic: TOPICS.referralStatus,
      messages: [
        {
          key: caseId,
          value: JSON.stringify(accepted),
          headers: { 'content-type': CLOUDEVENTS_CONTENT_TYPE },
        },
      ],
    });
    await phaseBecomes(returneeId, 'in-services');
    await eventually(async () =>
      expect((await call('GET', `/cases/${caseId}`, officer)).body['status']).toBe('in-services'),
    );

    // 6. The supervisor closes the case; the workflow closes with it.
    const closed = await call('POST', `/cases/${caseId}/closure`, supervisor, {
      reason: 'disengaged',
    });
    expect(closed.status).toBe(200);
    const handle = temporal.workflow.getHandle(reintegrationPathWorkflowId(caseId));
    await eventually(async () => expect((await handle.describe()).status.name).toBe('COMPLETED'), {
      timeoutMs: 60_000,
    });
    expect(await handle.result()).toMatchObject({
      phase: 'closed',
      closure: { reason: 'disengaged' },
    });

    // Every step is an event on Kafka, keyed by the case.
    await eventually(() =>
      expect(eventTypesOf(caseId)).toEqual(
        expect.arrayContaining([
          'returnee.registered.v1',
          'consent.granted.v1',
          'case.assessment-completed.v1',
          'case.score-computed.v1',
          'case.status-changed.v1',
          'case.plan-submitted.v1',
          'case.plan-approved.v1',
          'referral.requested.v1',
          'path.phase-changed.v1',
          'path.referral-routed.v1',
          'case.closed.v1',
        ]),
      ),
    );
  });

  it('leaves its trace in each service’s /metrics: requests by route, outbox drained, lag, workflow tasks', async () => {
    const scrape = async (url: string) => {
      const response = await fetch(`${url}/metrics`);
      expect(response.status).toBe(200);
      return response.text();
    };
    /** The value of one series (exact labels), or NaN when absent. */
    const valueIn = (text: string, series: string) => {
      const line = text.split('\n').find((l) => l.startsWith(`${series} `));
      return line === undefined ? Number.NaN : Number(line.slice(series.length + 1));
    };
    const intake = await scrape(services.intake.url);
    expect(
      valueIn(
        intake,
        'http_server_request_duration_seconds_count{method="POST",route="/returnees",status="201"}',
      ),
    ).toBeGreaterThanOrEqual(1);
    await eventually(async () =>
      expect(
        valueIn(
          await scrape(services.intake.url),
          'outbox_pending_events{source="/reintegra/intake"}',
        ),
      ).toBe(0),
    );
    // The orchestrator consumed the journey's events: its group has committed offsets to report.
    const orchestrator = await scrape(services.orchestrator.url);
    expect(orchestrator).toMatch(
      new RegExp(
        `^kafka_consumer_lag\\{group="${services.orchestratorGroup}",topic="[^"]+",partition="\\d+"\\} \\d+$`,
        'm',
      ),
    );
    // The Temporal worker's own series, served through the same page (the SDK's core exports
    // them periodically, so the first workflow tasks may take a moment to show).
    expect(orchestrator).toMatch(/^temporal_sticky_cache_size\b/m);
    await eventually(
      async () =>
        expect(await scrape(services.orchestrator.url)).toMatch(
          /^temporal_workflow_task_execution_latency_count[{ ]/m,
        ),
      { timeoutMs: 30_000 },
    );
  });
});
