import { Kafka, type Producer } from 'kafkajs';
import { chromium } from 'playwright-core';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CLOUDEVENTS_CONTENT_TYPE,
  createEvent,
  referralStatusChangedV1,
  TOPICS,
} from '@reintegra/event-contracts';
import {
  currentTestStack,
  eventually,
  findWorkspaceRoot,
  freePort,
  freshDui,
  journeyAnswers as answers,
  jsonRequest,
  OwnZipkin,
  testToken,
} from '@reintegra/testing';
import { OtlpSpanReceiver, type ReceivedSpan } from './otlp-span-receiver';
import { PathServices } from './path-services';

/**
 * Traces across the whole path, with intake and the orchestrator as real processes exporting to
 * an OTLP receiver in this test: registration → plan approval → referral → the provider's
 * acceptance. Each consumed event's span must hang, parent by parent, under the HTTP request or
 * event that caused it, across Kafka (outbox relay → consumer) and Temporal (client → workflow →
 * activity → outbox → the next service's consumer); and no span may carry personal data. The
 * same spans go to the local trace viewer (Zipkin), where the case page's link must find them.
 */
jest.setTimeout(240_000);
const stack = currentTestStack();
const MUNICIPALITY = 'SV-PA-LA-PAZ-ESTE';
const SERVER = 2;
const PRODUCER = 4;
const CONSUMER = 5;
const receiver = new OtlpSpanReceiver();
const kafka = new Kafka({ brokers: stack.kafkaBrokers, clientId: 'traces-e2e', logLevel: 1 });
let services: PathServices;
let zipkin: OwnZipkin;
let producer: Producer;
let officer: string;
let supervisor: string;

const call = (method: string, path: string, token: string, body?: unknown, ifMatch?: string) =>
  jsonRequest(`${services.intake.url}${path}`, method, token, body, ifMatch);

async function phaseBecomes(returneeId: string, phase: string) {
  await eventually(
    async () => {
      const response = await call('GET', `/returnees/${returneeId}/path`, officer);
      expect((response.body['path'] as { phase?: string } | undefined)?.phase).toBe(phase);
    },
    { timeoutMs: 60_000 },
  );
}

/** A span as `service kind name`, e.g. `intake 2 POST /returnees`. */
const label = (span: ReceivedSpan) => `${span.service} ${span.kind} ${span.name}`;

/**
 * Whether the patterns match labels of the chain (root first) in this order, each pattern at a
 * later span than the previous one.
 */
function inOrder(chain: string[], patterns: RegExp[]): boolean {
  let at = 0;
  for (const pattern of patterns) {
    while (at < chain.length && !pattern.test(chain[at] ?? '')) at += 1;
    if (at === chain.length) return false;
    at += 1;
  }
  return true;
}

/** Root-first lineages of the spans of one case consumed by intake from the path topic. */
function pathEventLineages(caseId: string): string[][] {
  return receiver.spans
    .filter(
      (span) =>
        span.service === 'intake' &&
        span.kind === CONSUMER &&
        span.name === `${TOPICS.pathEvents} process` &&
        span.attributes['case.id'] === caseId,
    )
    .map((span) => receiver.lineage(span).map(label).reverse());
}

beforeAll(async () => {
  zipkin = new OwnZipkin(await freePort());
  await Promise.all([receiver.start(), zipkin.start()]);
  services = new PathServices(
    'traces-e2e',
    { intake: await freePort(), orchestrator: await freePort() },
    // Short export batches, so the spans arrive while the test waits.
    {
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_ZIPKIN_ENDPOINT: zipkin.url,
      OTEL_BSP_SCHEDULE_DELAY: '200',
    },
  );
  producer = kafka.producer();
  await Promise.all([services.start(), producer.connect()]);
  officer = await testToken({ roles: ['intake-officer'], municipalityCode: MUNICIPALITY });
  supervisor = await testToken({ roles: ['supervisor'], municipalityCode: MUNICIPALITY });
});

afterAll(async () => {
  await Promise.allSettled([services?.stop(), producer?.disconnect()]);
  // The spans as received, to read a failure (or a trace) afterwards.
  const dir = join(findWorkspaceRoot(), 'artifacts/e2e-logs');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'traces-e2e-spans.json'), JSON.stringify(receiver.spans, null, 1));
  await Promise.allSettled([receiver.stop(), zipkin?.stop()]);
});

describe('traces of one returnee from registration to the referral’s acceptance', () => {
  const tag = randomUUID().slice(0, 6);
  const person = {
    dui: freshDui(),
    firstNames: `Rutilio Ernesto ${tag}`,
    lastNames: 'Trazas Quintanilla',
    dateOfBirth: `${1950 + Math.floor(Math.random() * 50)}-07-02`,
    gender: 'male',
    returnDate: '2026-11-24',
    countryReturnedFrom: 'US',
    receptionPoint: 'aeropuerto-internacional-san-oscar-romero',
    municipalityCode: MUNICIPALITY,
    districtCode: 'SV-PA-LA-PAZ-ESTE/ZACATECOLUCA',
  };
  let returneeId: string;
  let caseId: string;

  it('drives the path: registration, assessment, approved plan with a referral, acceptance', async () => {
    const registered = await call('POST', '/returnees', officer, person);
    expect(registered.status).toBe(201);
    returneeId = registered.body['returneeId'] as string;
    caseId = registered.body['caseId'] as string;
    await phaseBecomes(returneeId, 'intake');
    const consent = await call('POST', `/cases/${caseId}/consents`, officer, {
      purpose: 'service-referral',
      scope: 'employment',
      formVersion: 'consentimiento-2026-01',
    });
    expect(consent.status).toBe(201);
    const assessment = await call('POST', `/cases/${caseId}/assessments`, officer, {
      questionnaireVersion: '2026-11',
      answers,
    });
    expect(assessment.status).toBe(201);
    await phaseBecomes(returneeId, 'assessed');
    const draft = await call('POST', `/cases/${caseId}/plan`, officer, {
      goals: { economic: [{ description: 'Empleo formal en construcción' }] },
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
    const approved = await call(
      'POST',
      `/cases/${caseId}/plan/approval`,
      supervisor,
      {},
      plan.etag ?? '',
    );
    expect(approved.status).toBe(200);
    await phaseBecomes(returneeId, 'plan-approved');

    const referrals = await eventually(async () => {
      const listed = await call('GET', `/cases/${caseId}/referrals`, officer);
      const found = listed.body as unknown as Array<{ id: string }>;
      expect(found).toHaveLength(1);
      return found;
    });
    const accepted = createEvent(referralStatusChangedV1, {
      subject: caseId,
      source: '/reintegra/employment-matching',
      actor: 'system:test',
      correlationId: randomUUID(),
      data: {
        referralId: referrals[0]?.id ?? '',
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
    // Closing ends the workflows: a workflow's own span is exported when it ends, and it is the
    // parent of every activity the workflow body schedules.
    const closed = await call('POST', `/cases/${caseId}/closure`, supervisor, {
      reason: 'disengaged',
    });
    expect(closed.status).toBe(200);
    // A search-like request whose query string holds the person's name.
    await call(
      'GET',
      `/returnees/${returneeId}/path?nombre=${encodeURIComponent(person.firstNames)}`,
      officer,
    );
  });

  it('hangs each path event intake consumes under an HTTP request, across Kafka and Temporal', async () => {
    // Producer spans are checked below: on a shared test database another process's relay
    // (without tracing) may send a row, and then the consumer continues the trace kept in the event.
    const httpToPathEvent = [
      /^intake 2 POST \//,
      new RegExp(`^orchestrator ${CONSUMER} reintegra\\.intake\\.[a-z-]+ process$`),
      /^orchestrator \d (SignalWithStartWorkflow|StartWorkflowUpdate|SignalWorkflow):/,
      /^orchestrator \d (RunWorkflow|HandleUpdate|HandleSignal):/,
      /^orchestrator \d StartActivity:/,
      /^orchestrator \d RunActivity:/,
      new RegExp(`^intake ${CONSUMER} reintegra\\.path\\.events process$`),
    ];
    await eventually(
      () =>
        expect(
          pathEventLineages(caseId).filter((chain) => inOrder(chain, httpToPathEvent)),
        ).not.toHaveLength(0),
      { timeoutMs: 60_000 },
    );
    // A consumer span's parent is the relay's producer span (from the Kafka headers), else the
    // span that wrote the event; our relays' producer spans are there.
    const parents = receiver.spans
      .filter((span) => span.kind === CONSUMER && span.attributes['case.id'] === caseId)
      .map((span) => receiver.lineage(span)[1])
      .filter((parent) => parent !== undefined);
    expect(parents.length).toBeGreaterThan(0);
    for (const parent of parents)
      expect(parent.name).toMatch(/ (publish|process)$|^POST \/|^RunActivity:/);
    const published = parents.filter((parent) => parent.kind === PRODUCER);
    expect(published.length).toBeGreaterThan(0);
    for (const producer of published) {
      expect(producer.attributes['case.id']).toBe(caseId);
      expect(receiver.lineage(producer)[1]?.name).toMatch(/ process$|^POST \/|^RunActivity:/);
    }
  });

  it('traces the provider’s acceptance from its Kafka message into the referral’s workflow', async () => {
    const acceptance = [
      new RegExp(`^orchestrator ${CONSUMER} reintegra\\.services\\.referral-status process$`),
      /^orchestrator \d StartWorkflowUpdate:referralStatus$/,
      /^orchestrator \d HandleUpdate:referralStatus$/,
    ];
    await eventually(
      () => {
        const chains = receiver.spans
          .filter((span) => span.name === 'HandleUpdate:referralStatus')
          .map((span) => receiver.lineage(span).reverse())
          .filter(([root]) => root?.attributes['case.id'] === caseId);
        expect(chains.filter((chain) => inOrder(chain.map(label), acceptance))).not.toHaveLength(0);
      },
      { timeoutMs: 30_000 },
    );
  });

  it('records database work under requests, without parameters, and no personal data anywhere', async () => {
    const approval = receiver.spans.find(
      (span) => span.kind === SERVER && span.name === 'POST /cases/:caseId/plan/approval',
    );
    expect(approval).toBeDefined();
    const underApproval = receiver.spans.filter(
      (span) =>
        span.attributes['db.system'] === 'postgresql' && span.parentSpanId === approval?.spanId,
    );
    expect(underApproval.length).toBeGreaterThan(0);
    expect(
      underApproval.some((span) =>
        /INSERT INTO outbox_messages/.test(span.attributes['db.statement'] ?? ''),
      ),
    ).toBe(true);
    const search = await eventually(() => {
      const found = receiver.spans.find(
        (span) =>
          span.name === 'GET /returnees/:id/path' &&
          span.attributes['http.target']?.startsWith(`/returnees/${returneeId}/path`),
      );
      expect(found).toBeDefined();
      return found;
    });
    expect(search?.attributes['http.target']).toBe(`/returnees/${returneeId}/path`);
    const exported = JSON.stringify(receiver.spans);
    expect(exported).not.toContain('db.postgresql.values');
    for (const personal of [person.dui, person.firstNames, person.lastNames])
      expect(exported).not.toContain(personal);
  });

  it('shows the case’s traces in the local viewer (Zipkin): its API, and its page in Chromium', async () => {
    const annotation = `annotationQuery=${encodeURIComponent(`case.id=${caseId}`)}`;
    interface ZipkinSpan {
      name?: string;
      localEndpoint?: { serviceName?: string };
    }
    await eventually(
      async () => {
        const response = await fetch(
          `${zipkin.url}/zipkin/api/v2/traces?${annotation}&lookback=86400000&limit=100`,
        );
        const spans = ((await response.json()) as ZipkinSpan[][]).flat();
        const services = new Set(spans.map((span) => span.localEndpoint?.serviceName));
        expect([...services]).toEqual(expect.arrayContaining(['intake', 'orchestrator']));
        expect(spans.map((span) => span.name)).toContain('handleupdate:referralstatus');
      },
      { timeoutMs: 30_000 },
    );
    const browser = await chromium.launch({
      executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
      args: ['--no-sandbox'],
    });
    try {
      const page = await browser.newPage();
      // What the case page's "Ver traza del caso" opens (supervisor-api workflow/trace-link.ts).
      await page.goto(
        `${zipkin.url}/zipkin/?${annotation}&lookback=7d&endTs=${Date.now()}&limit=100`,
      );
      try {
        // One row per trace, named by its root: the registration, and the acceptance's message.
        await page.getByText('intake: post /returnees').waitFor({ timeout: 30_000 });
        await page.getByText('orchestrator: reintegra.services.referral-status process').waitFor();
      } finally {
        // Kept as an artifact, also to read a failure.
        const dir = join(findWorkspaceRoot(), 'artifacts/e2e-logs');
        mkdirSync(dir, { recursive: true });
        await page.screenshot({ path: join(dir, 'traces-e2e-zipkin.png'), fullPage: true });
      }
    } finally {
      await browser.close();
    }
  });
});
