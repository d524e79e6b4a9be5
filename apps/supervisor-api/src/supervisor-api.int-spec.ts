import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Kafka, type Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DataSource } from 'typeorm';
import {
  CLOUDEVENTS_CONTENT_TYPE,
  createEvent,
  type EventDefinition,
  planSubmittedV1,
  referralEscalatedV1,
  referralRequestedV1,
  referralRoutedV1,
  referralStatusChangedV1,
  returneeRegisteredV1,
} from '@reintegra/event-contracts';
import { loadConfig } from '@reintegra/platform-config';
import { runMigrations, serviceDataSourceOptions } from '@reintegra/platform-database';
import { configureServiceApp } from '@reintegra/platform-service';
import {
  currentTestStack,
  eventually,
  testAuthEnvironment,
  testDatabaseUrl,
  testToken,
} from '@reintegra/testing';
import type { z } from 'zod';
import { supervisorApiConfigSpec } from './config';
import { supervisorDataSource } from './database/supervisor-data-source';
import { rebuildReadModel } from './projection/rebuild-read-model';
import { supervisorApiService } from './service';
import { SupervisorApiModule } from './supervisor-api.module';

/** The supervisor API in-process: real Kafka, PostgreSQL and Temporal; events published by hand. */
const stack = currentTestStack();
const LA_PAZ = 'SV-PA-LA-PAZ-ESTE';
const SAN_SALVADOR = 'SV-SS-SAN-SALVADOR-CENTRO';
const GROUP = 'supervisor-api-test';

let app: INestApplication;
let url: string;
let db: DataSource;
let producer: Producer;
let intakeStub: Server;
const intakeRequests: {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}[] = [];
const tokens: Record<string, string> = {};
type Json = Record<string, unknown>;

async function post(path: string, token: string, body: unknown, language = 'es') {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'accept-language': language,
      authorization: token,
    },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    etag: response.headers.get('etag'),
    body: (text ? JSON.parse(text) : {}) as Json,
  };
}

async function get(path: string, token: string | undefined, language = 'es') {
  const response = await fetch(`${url}${path}`, {
    headers: { 'accept-language': language, ...(token ? { authorization: token } : {}) },
  });
  return {
    status: response.status,
    type: response.headers.get('content-type') ?? '',
    body: (await response.json()) as Json,
  };
}

async function publish<S extends z.ZodType>(
  definition: EventDefinition<S>,
  subject: string,
  data: z.input<S>,
  time = new Date(),
) {
  const event = createEvent(definition, {
    subject,
    source: '/reintegra/intake',
    actor: 'user:test-officer',
    correlationId: randomUUID(),
    time,
    data,
  });
  await producer.send({
    topic: definition.topic,
    messages: [
      {
        key: subject,
        value: JSON.stringify(event),
        headers: { 'content-type': CLOUDEVENTS_CONTENT_TYPE },
      },
    ],
  });
  return event;
}

async function registerCase(municipalityCode: string, registeredAt = new Date()) {
  const caseId = randomUUID();
  await publish(
    returneeRegisteredV1,
    caseId,
    {
      caseId,
      returneeId: randomUUID(),
      episodeNumber: 1,
      municipalityCode,
      returnDate: registeredAt.toISOString().slice(0, 10),
      countryReturnedFrom: 'US',
      minor: false,
      registeredAt: registeredAt.toISOString(),
    },
    registeredAt,
  );
  return caseId;
}

async function requestReferral(
  caseId: string,
  service: 'employment' | 'victim-support' | 'education',
  acknowledgeBy: Date,
) {
  const referralId = randomUUID();
  await publish(referralRequestedV1, caseId, {
    referralId,
    caseId,
    service,
    priority: 'urgent',
    providerIds: [service === 'victim-support' ? 'victim-support' : `${service}-provider-a`],
    acknowledgeBy: acknowledgeBy.toISOString(),
    requestedAt: new Date(acknowledgeBy.getTime() - 72 * 3600_000).toISOString(),
    consentId: randomUUID(),
  });
  return referralId;
}

const visible = (caseId: string, token = tokens['national'], timeoutMs = 60_000) =>
  eventually(
    async () => {
      const response = await get(`/api/cases/${caseId}`, token);
      expect(response.status).toBe(200);
      return response.body;
    },
    { timeoutMs, intervalMs: 250 },
  );

/** Stands in for intake's plan and closure API (its real behaviour is tested in intake and e2e). */
function startIntakeStub(): Promise<string> {
  intakeStub = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      intakeRequests.push({
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body,
      });
      const problem = (status: number, code: string, title: string) =>
        response
          .writeHead(status, { 'content-type': 'application/problem+json' })
          .end(JSON.stringify({ type: `urn:reintegra:problem:${code}`, title, status, code }));
      if (request.url?.endsWith('/plan/approval')) {
        if (request.headers['if-match'] === '"2"') {
          response.writeHead(200, { 'content-type': 'application/json', etag: '"3"' });
          response.end(JSON.stringify({ plan: { status: 'approved', version: 3 } }));
        } else {
          problem(412, 'request.stale', 'El recurso cambió desde que lo leyó.');
        }
      } else if (request.url?.endsWith('/closure')) {
        problem(409, 'case.illegal-transition', 'El expediente ya está cerrado.');
      } else {
        problem(404, 'route.not-found', 'Recurso no encontrado.');
      }
    });
  });
  return new Promise((resolve) =>
    intakeStub.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(intakeStub.address() as AddressInfo).port}`),
    ),
  );
}

beforeAll(async () => {
  const intakeUrl = await startIntakeStub();
  await runMigrations(
    serviceDataSourceOptions(supervisorDataSource(testDatabaseUrl('supervisor', 'migrator'))),
  );
  const config = loadConfig(supervisorApiConfigSpec, {
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATABASE_URL: testDatabaseUrl('supervisor', 'app'),
    KAFKA_BROKERS: stack.kafkaBrokers.join(','),
    KAFKA_CONSUMER_GROUP: GROUP,
    TEMPORAL_ADDRESS: stack.temporalAddress,
    TEMPORAL_NAMESPACE: stack.temporalNamespace,
    TEMPORAL_UI_URL: 'http://127.0.0.1:58233',
    INTAKE_URL: intakeUrl,
    DEADLINE_SWEEP_INTERVAL_MS: '200',
    ...testAuthEnvironment(),
  });
  producer = new Kafka({
    brokers: stack.kafkaBrokers,
    clientId: 'supervisor-test',
    logLevel: 1,
  }).producer();
  await producer.connect();
  app = await NestFactory.create(SupervisorApiModule.register(config), { logger: false });
  configureServiceApp(app, supervisorApiService);
  await app.listen(0, '127.0.0.1');
  url = await app.getUrl();
  db = app.get(DataSource);
  tokens['laPaz'] = await testToken({ roles: ['supervisor'], municipalityCode: LA_PAZ });
  tokens['sanSalvador'] = await testToken({
    roles: ['supervisor'],
    municipalityCode: SAN_SALVADOR,
  });
  tokens['national'] = await testToken({ roles: ['national-supervisor'] });
  tokens['officer'] = await testToken({ roles: ['intake-officer'], municipalityCode: LA_PAZ });
  tokens['noMunicipality'] = await testToken({ roles: ['supervisor'] });
}, 120_000);

afterAll(async () => {
  intakeStub?.close();
  await app?.close();
  await producer?.disconnect();
});

describe('scope per role', () => {
  let laPazCase: string;
  let sanSalvadorCase: string;

  beforeAll(async () => {
    laPazCase = await registerCase(LA_PAZ);
    sanSalvadorCase = await registerCase(SAN_SALVADOR);
    // The read model first catches up on everything earlier suites put on the topics (it projects
    // from its stored positions): on a fresh CI stack that backlog once took over a minute.
    const catchUp = 240_000;
    await Promise.all([
      visible(laPazCase, tokens['national'], catchUp),
      visible(sanSalvadorCase, tokens['national'], catchUp),
    ]);
  }, 300_000);

  it('shows a municipal supervisor their municipality only; another one’s case is not found', async () => {
    expect((await get(`/api/cases/${laPazCase}`, tokens['laPaz'])).status).toBe(200);
    const outside = await get(`/api/cases/${sanSalvadorCase}`, tokens['laPaz']);
    expect(outside.status).toBe(404);
    expect(outside.type).toContain('application/problem+json');
    const list = await get('/api/cases?limit=100', tokens['laPaz']);
    const items = list.body['items'] as Json[];
    // A case without referrals is listed too.
    expect(items.map((item) => item['caseId'])).toContain(laPazCase);
    expect(new Set(items.map((item) => item['municipalityCode']))).toEqual(new Set([LA_PAZ]));
  });

  it('shows a national supervisor every municipality, and lets them narrow to one', async () => {
    expect((await get(`/api/cases/${sanSalvadorCase}`, tokens['national'])).status).toBe(200);
    const narrowed = await get(`/api/cases?municipality=${SAN_SALVADOR}`, tokens['national']);
    const items = narrowed.body['items'] as Json[];
    expect(items.map((item) => item['caseId'])).toContain(sanSalvadorCase);
    expect(new Set(items.map((item) => item['municipalityCode']))).toEqual(new Set([SAN_SALVADOR]));
  });

  it('counts the overview within the scope', async () => {
    const [laPaz, national] = await Promise.all([
      get('/api/overview', tokens['laPaz']),
      get('/api/overview', tokens['national']),
    ]);
    const [expected] = (await db.query(
      `SELECT count(*) FILTER (WHERE municipality_code = $1)::int AS "laPaz", count(*)::int AS "all"
         FROM cases WHERE registered_at IS NOT NULL AND phase <> 'closed'`,
      [LA_PAZ],
    )) as { laPaz: number; all: number }[];
    expect(laPaz.body['openPaths']).toBeLessThanOrEqual((expected?.laPaz ?? 0) + 2);
    expect(laPaz.body['openPaths']).toBeGreaterThan(0);
    expect(national.body['openPaths'] as number).toBeGreaterThan(laPaz.body['openPaths'] as number);
    expect(laPaz.body['scope']).toEqual({
      municipalityCode: LA_PAZ,
      municipalityName: 'La Paz Este',
    });
  });

  it('refuses other roles, a supervisor without municipality, and anonymous callers', async () => {
    const officer = await get('/api/overview', tokens['officer']);
    expect(officer.status).toBe(403);
    expect(officer.body['code']).toBe('auth.role-not-allowed');
    expect((await get('/api/overview', tokens['noMunicipality'])).body['code']).toBe(
      'supervisor.no-municipality',
    );
    expect((await get('/api/cases', undefined)).status).toBe(401);
  });

  it('refuses a municipal supervisor asking for another municipality, in their language', async () => {
    const response = await get(`/api/cases?municipality=${SAN_SALVADOR}`, tokens['laPaz'], 'en');
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({
      code: 'supervisor.outside-municipality',
      title: 'You may only look at the cases of your municipality.',
    });
  });
});

describe('deadlines, filters and the case page', () => {
  let overdueCase: string;
  let onTimeCase: string;
  let overdueReferral: string;

  beforeAll(async () => {
    overdueCase = await registerCase(LA_PAZ);
    onTimeCase = await registerCase(LA_PAZ);
    overdueReferral = await requestReferral(
      overdueCase,
      'employment',
      new Date(Date.now() - 3600_000),
    );
    await requestReferral(onTimeCase, 'employment', new Date(Date.now() + 48 * 3600_000));
    await eventually(
      async () => {
        const page = await visible(overdueCase);
        expect(page['referrals']).toHaveLength(1);
        expect((await visible(onTimeCase))['referrals']).toHaveLength(1);
      },
      { timeoutMs: 60_000 },
    );
  }, 90_000);

  it('filters the cases with an overdue referral', async () => {
    const ids = async (query: string) =>
      ((await get(`/api/cases?${query}&limit=100`, tokens['laPaz'])).body['items'] as Json[]).map(
        (item) => item['caseId'],
      );
    const overdue = await ids('overdue=true&service=employment');
    expect(overdue).toContain(overdueCase);
    expect(overdue).not.toContain(onTimeCase);
    const notOverdue = await ids('overdue=false&service=employment');
    expect(notOverdue).toContain(onTimeCase);
    expect(notOverdue).not.toContain(overdueCase);
    expect(await ids('service=education&overdue=true')).not.toContain(overdueCase);
  });

  it('filters by overdue alone from the deadline the projection keeps on each case', async () => {
    const ids = async (query: string) =>
      ((await get(`/api/cases?${query}&limit=100`, tokens['laPaz'])).body['items'] as Json[]).map(
        (item) => item['caseId'],
      );
    const overdue = await ids('overdue=true');
    expect(overdue).toContain(overdueCase);
    expect(overdue).not.toContain(onTimeCase);
    const notOverdue = await ids('overdue=false');
    expect(notOverdue).toContain(onTimeCase);
    expect(notOverdue).not.toContain(overdueCase);
  });

  it('counts overdue referrals per municipality on /metrics, for municipal IT’s alerts', async () => {
    const text = await (await fetch(`${url}/metrics`)).text();
    const line = text
      .split('\n')
      .find((l) => l.startsWith(`reintegra_overdue_referrals{municipality="${LA_PAZ}"} `));
    expect(Number(line?.split(' ')[1])).toBeGreaterThanOrEqual(1);
    expect(text).toContain('# TYPE reintegra_overdue_follow_ups gauge');
    // Counts by municipality only: no case or referral id reaches the page.
    expect(text).not.toContain(overdueCase);
    expect(text).not.toContain(overdueReferral);
  });

  it('answers invalid filters with problem+json naming each field, in Spanish first', async () => {
    const response = await get('/api/cases?phase=terminada&overdue=si&limit=0', tokens['laPaz']);
    expect(response.status).toBe(400);
    expect(response.type).toContain('application/problem+json');
    expect(response.body['code']).toBe('request.invalid');
    expect(response.body['title']).toBe('La solicitud contiene datos no válidos.');
    const fields = (response.body['errors'] as Json[]).map((error) => error['field']);
    expect(fields).toEqual(expect.arrayContaining(['phase', 'overdue', 'limit']));
    const dates = await get('/api/cases?from=2026-05-01&to=2026-04-01', tokens['laPaz'], 'en');
    expect(dates.body['errors']).toEqual([
      { field: 'to', message: 'The end date is before the start date.' },
    ]);
  });

  it('follows the referral through a re-route and an escalation, in any arrival order', async () => {
    const later = new Date(Date.now() + 24 * 3600_000).toISOString();
    // The escalation and the re-route are published before the provider's decline reaches us.
    await publish(referralEscalatedV1, overdueCase, {
      referralId: overdueReferral,
      caseId: overdueCase,
      service: 'employment',
      priority: 'urgent',
      providerIds: ['employment-provider-a'],
      acknowledgeBy: new Date(Date.now() - 3600_000).toISOString(),
      escalatedAt: new Date().toISOString(),
      escalation: 1,
    });
    await publish(referralRoutedV1, overdueCase, {
      referralId: overdueReferral,
      caseId: overdueCase,
      service: 'employment',
      priority: 'urgent',
      providerId: 'employment-provider-b',
      action: 'rerouted',
      acknowledgeBy: later,
      occurredAt: new Date().toISOString(),
    });
    const page = await eventually(async () => {
      const body = await visible(overdueCase);
      const [referral] = body['referrals'] as Json[];
      expect(referral).toMatchObject({ status: 'sent', overdue: false, escalations: 1 });
      return body;
    });
    const [referral] = page['referrals'] as Json[];
    expect(referral?.['providerIds']).toEqual(['employment-provider-a', 'employment-provider-b']);
    const types = (page['timeline'] as Json[]).map((entry) => entry['type']);
    expect(types).toEqual([
      returneeRegisteredV1.type,
      referralRequestedV1.type,
      referralEscalatedV1.type,
      referralRoutedV1.type,
    ]);
    expect(page['workflowUrl']).toBe(
      `http://127.0.0.1:58233/namespaces/${stack.temporalNamespace}/workflows/reintegration-path%2F${overdueCase}`,
    );
    expect(page['workflow']).toEqual({ status: 'not-started' });
  });

  it('lists a submitted plan in the overview’s pending approvals', async () => {
    const before = (await get('/api/overview', tokens['laPaz'])).body['approvals'] as Json;
    await publish(planSubmittedV1, onTimeCase, {
      caseId: onTimeCase,
      planId: randomUUID(),
      planVersion: 1,
      goalDimensions: ['economic'],
      proposedReferrals: 1,
      submittedBy: 'user:test-officer',
      submittedAt: new Date().toISOString(),
    });
    await eventually(async () => {
      const after = (await get('/api/overview', tokens['laPaz'])).body['approvals'] as Json;
      // Overview figures may be a few seconds old (RecentFigures): more, not exactly one more.
      expect(after['plans'] as number).toBeGreaterThan(before['plans'] as number);
    });
  });
});

describe('victim support', () => {
  it('shows a victim-support referral as its status only, never provider or reasons', async () => {
    const caseId = await registerCase(LA_PAZ);
    const referralId = await requestReferral(
      caseId,
      'victim-support',
      new Date(Date.now() + 3600_000),
    );
    await publish(referralStatusChangedV1, caseId, {
      referralId,
      caseId,
      service: 'victim-support',
      providerId: 'victim-support',
      status: 'in-progress',
      occurredAt: new Date().toISOString(),
    });
    const page = await eventually(async () => {
      const body = await visible(caseId, tokens['laPaz']);
      expect((body['referrals'] as Json[])[0]).toMatchObject({ status: 'in-progress' });
      return body;
    });
    const [referral] = page['referrals'] as Json[];
    expect(referral).toMatchObject({ service: 'victim-support', confidential: true });
    expect(referral).not.toHaveProperty('providerIds');
    expect(referral).not.toHaveProperty('reasonCode');
    const stored = JSON.stringify(
      await db.query(`SELECT data FROM case_events WHERE case_id = $1`, [caseId]),
    );
    expect(stored).not.toContain('providerIds');
    expect(stored).not.toContain('providerId');
  });
});

describe('rebuild', () => {
  it('rebuilds the read model from the topics into fresh tables while the live projection carries on', async () => {
    const caseId = await registerCase(LA_PAZ);
    await visible(caseId);
    // Damage the live read model: the rebuild must not depend on it.
    await db.query(`UPDATE cases SET phase = 'closed' WHERE case_id = $1`, [caseId]);
    await db.query(`DELETE FROM case_events WHERE case_id = $1`, [caseId]);

    await rebuildReadModel({
      NODE_ENV: 'test',
      DATABASE_MIGRATION_URL: testDatabaseUrl('supervisor', 'migrator'),
      KAFKA_BROKERS: stack.kafkaBrokers.join(','),
      KAFKA_CONSUMER_GROUP: GROUP,
    });

    const page = await visible(caseId);
    expect(page['case']).toMatchObject({ phase: 'intake' });
    expect(page['timeline']).toHaveLength(1);
    // Events after the swap still reach the (new) tables through the live projection.
    const afterwards = await registerCase(LA_PAZ);
    await visible(afterwards);
    const [schemas] = (await db.query(
      `SELECT count(*)::int AS n FROM pg_namespace WHERE nspname LIKE 'read_model_%'`,
    )) as { n: number }[];
    expect(schemas?.n).toBe(0);
  }, 600_000);
});

describe('approvals', () => {
  let caseId: string;

  beforeAll(async () => {
    caseId = await registerCase(LA_PAZ);
    await publish(planSubmittedV1, caseId, {
      caseId,
      planId: randomUUID(),
      planVersion: 2,
      goalDimensions: ['economic', 'social'],
      proposedReferrals: 2,
      submittedBy: 'user:test-officer',
      submittedAt: new Date().toISOString(),
    });
    await eventually(async () => {
      const queue = await get('/api/approvals', tokens['laPaz']);
      expect((queue.body['plans'] as Json[]).map((plan) => plan['caseId'])).toContain(caseId);
    });
  }, 90_000);

  it('lists submitted plans only to supervisors of the municipality', async () => {
    const elsewhere = await get('/api/approvals', tokens['sanSalvador']);
    expect((elsewhere.body['plans'] as Json[]).map((plan) => plan['caseId'])).not.toContain(caseId);
    const queue = await get('/api/approvals', tokens['laPaz']);
    expect((queue.body['plans'] as Json[]).find((plan) => plan['caseId'] === caseId)).toMatchObject(
      {
        planVersion: 2,
        goalDimensions: ['economic', 'social'],
        municipalityName: 'La Paz Este',
      },
    );
  });

  it('sends the approval to intake with the supervisor’s token and the plan version as If-Match', async () => {
    intakeRequests.length = 0;
    const response = await post(`/api/cases/${caseId}/plan/approval`, tokens['laPaz'] ?? '', {
      planVersion: 2,
    });
    expect(response.status).toBe(200);
    expect(response.etag).toBe('"3"');
    expect(intakeRequests).toHaveLength(1);
    expect(intakeRequests[0]).toMatchObject({
      method: 'POST',
      url: `/cases/${caseId}/plan/approval`,
      headers: expect.objectContaining({ authorization: tokens['laPaz'], 'if-match': '"2"' }),
    });
  });

  it('passes a stale approval back as intake’s problem+json', async () => {
    const response = await post(`/api/cases/${caseId}/plan/approval`, tokens['laPaz'] ?? '', {
      planVersion: 1,
    });
    expect(response.status).toBe(412);
    expect(response.type).toContain('application/problem+json');
    expect(response.body['code']).toBe('request.stale');
    const closure = await post(`/api/cases/${caseId}/closure`, tokens['laPaz'] ?? '', {
      reason: 'reintegrated',
    });
    expect(closure.status).toBe(409);
    expect(closure.body['code']).toBe('case.illegal-transition');
  });

  it('refuses bad input, other municipalities and other roles without calling intake', async () => {
    intakeRequests.length = 0;
    const bad = await post(`/api/cases/${caseId}/plan/approval`, tokens['laPaz'] ?? '', {
      planVersion: 'latest',
    });
    expect(bad.status).toBe(400);
    expect(bad.body['errors']).toEqual([expect.objectContaining({ field: 'planVersion' })]);
    const badReason = await post(`/api/cases/${caseId}/closure`, tokens['laPaz'] ?? '', {
      reason: 'bored',
    });
    expect(badReason.status).toBe(400);
    const outside = await post(`/api/cases/${caseId}/plan/approval`, tokens['sanSalvador'] ?? '', {
      planVersion: 2,
    });
    expect(outside.status).toBe(404);
    const officer = await post(`/api/cases/${caseId}/plan/approval`, tokens['officer'] ?? '', {
      planVersion: 2,
    });
    expect(officer.status).toBe(403);
    expect(intakeRequests).toHaveLength(0);
  });
});

describe('live alerts', () => {
  /** Reads server-sent events until `count` of the wanted type arrived or the time is up. */
  async function listen(token: string, wanted: string, count: number, ms: number) {
    const controller = new AbortController();
    const response = await fetch(`${url}/api/alerts`, {
      headers: { authorization: token, accept: 'text/event-stream' },
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    const events: Json[] = [];
    const timer = setTimeout(() => controller.abort(), ms);
    const decoder = new TextDecoder();
    let buffer = '';
    const reading = (async () => {
      try {
        const reader = response.body?.getReader();
        if (!reader) return;
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          buffer += decoder.decode(value);
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (block.includes(`event: ${wanted}`)) {
              events.push(JSON.parse(/^data: (.*)$/m.exec(block)?.[1] ?? '{}') as Json);
              if (events.length >= count) controller.abort();
            }
          }
        }
      } catch {
        // aborted: done listening
      } finally {
        clearTimeout(timer);
      }
    })();
    return { events, done: reading };
  }

  it('pushes a new escalation to the supervisors of its municipality only', async () => {
    const caseId = await registerCase(LA_PAZ);
    const referralId = await requestReferral(caseId, 'employment', new Date(Date.now() + 3600_000));
    await visible(caseId);
    const laPaz = await listen(tokens['laPaz'] ?? '', 'escalation', 1, 30_000);
    const sanSalvador = await listen(tokens['sanSalvador'] ?? '', 'escalation', 1, 5_000);
    await publish(referralEscalatedV1, caseId, {
      referralId,
      caseId,
      service: 'employment',
      priority: 'urgent',
      providerIds: ['employment-provider-a'],
      acknowledgeBy: new Date().toISOString(),
      escalatedAt: new Date().toISOString(),
      escalation: 1,
    });
    await Promise.all([laPaz.done, sanSalvador.done]);
    expect(laPaz.events).toEqual([
      expect.objectContaining({ kind: 'escalation', caseId, referralId, escalation: 1 }),
    ]);
    expect(sanSalvador.events.filter((event) => event['caseId'] === caseId)).toEqual([]);
  }, 60_000);

  it('pushes a deadline breach once, when the acknowledgement deadline passes unanswered', async () => {
    const caseId = await registerCase(LA_PAZ);
    const referralId = await requestReferral(caseId, 'education', new Date(Date.now() + 4_000));
    await visible(caseId);
    const stream = await listen(tokens['laPaz'] ?? '', 'deadline-breach', 2, 15_000);
    await stream.done;
    const mine = stream.events.filter((event) => event['referralId'] === referralId);
    expect(mine).toEqual([expect.objectContaining({ kind: 'deadline-breach', caseId })]);
  }, 60_000);
});

describe('indicators and caseload', () => {
  const AHUACHAPAN = 'SV-AH-AHUACHAPAN-NORTE';
  // A day of its own, far in the past, so earlier runs' rows stay out of the period.
  const day = new Date(
    Date.UTC(1990 + Math.floor(Math.random() * 20), 0, 1 + Math.floor(Math.random() * 360)),
  );
  const isoDay = day.toISOString().slice(0, 10);
  const at = (hours: number) => new Date(day.getTime() + hours * 3600_000).toISOString();

  async function referral(caseId: string, service: 'employment' | 'education', outcome: string[]) {
    const referralId = randomUUID();
    await publish(referralRequestedV1, caseId, {
      referralId,
      caseId,
      service,
      priority: 'normal',
      providerIds: [`${service}-ahuachapan`],
      acknowledgeBy: at(14 * 24),
      requestedAt: at(1),
      consentId: randomUUID(),
    });
    for (const [index, status] of outcome.entries()) {
      await publish(referralStatusChangedV1, caseId, {
        referralId,
        caseId,
        service,
        providerId: `${service}-ahuachapan`,
        status: status as 'accepted',
        occurredAt: at(1 + (index + 1) * 10),
      });
    }
  }

  beforeAll(async () => {
    const cases: string[] = [];
    for (let i = 0; i < 6; i += 1) cases.push(await registerCase(AHUACHAPAN, new Date()));
    for (const [i, caseId] of cases.entries())
      await referral(caseId, 'employment', i < 2 ? ['accepted', 'completed'] : ['accepted']);
    for (const caseId of cases.slice(0, 3)) await referral(caseId, 'education', []);
    await eventually(
      async () => {
        const figures = await get(
          `/api/indicators?municipality=${AHUACHAPAN}&from=${isoDay}&to=${isoDay}`,
          tokens['national'],
        );
        expect(figures.body['funnel']).toHaveLength(2);
        const employment = (figures.body['funnel'] as Json[]).find(
          (f) => f['service'] === 'employment',
        );
        expect(employment?.['accepted']).toBe(6);
      },
      { timeoutMs: 60_000 },
    );
  }, 120_000);

  it('counts the funnel per service and hides cells under 5', async () => {
    const figures = await get(
      `/api/indicators?municipality=${AHUACHAPAN}&from=${isoDay}&to=${isoDay}`,
      tokens['national'],
    );
    expect(figures.body['funnel']).toEqual([
      { service: 'education', referred: '<5', accepted: 0, completed: 0 },
      { service: 'employment', referred: 6, accepted: 6, completed: '<5' },
    ]);
    expect(figures.body['timeToAcceptanceHours']).toEqual(
      expect.arrayContaining([{ service: 'employment', accepted: 6, median: 10, p90: 10 }]),
    );
  });

  it('exports the same figures as CSV', async () => {
    const response = await fetch(
      `${url}/api/indicators.csv?municipality=${AHUACHAPAN}&from=${isoDay}&to=${isoDay}`,
      { headers: { authorization: tokens['national'] ?? '' } },
    );
    expect(response.headers.get('content-type')).toContain('text/csv');
    const csv = await response.text();
    expect(csv.split('\r\n')[0]).toBe('indicator,group,metric,value');
    expect(csv).toContain('funnel,employment,referred,6\r\n');
    expect(csv).toContain('funnel,employment,completed,<5\r\n');
    expect(csv).toContain('funnel,education,referred,<5\r\n');
  });

  it('keeps a municipal supervisor to their municipality and refuses bad periods', async () => {
    const other = await get(`/api/indicators?municipality=${AHUACHAPAN}`, tokens['laPaz']);
    expect(other.status).toBe(403);
    const own = await get(`/api/indicators?from=${isoDay}&to=${isoDay}`, tokens['laPaz']);
    expect(own.body['funnel']).toEqual([]);
    const bad = await get('/api/indicators?from=2026-13-01', tokens['national']);
    expect(bad.status).toBe(400);
  });

  it('shows open work per officer and per provider within the scope', async () => {
    const caseload = await get('/api/caseload', tokens['national']);
    const providers = caseload.body['providers'] as Json[];
    expect(providers).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ provider: 'employment-ahuachapan', service: 'employment' }),
      ]),
    );
    const laPaz = await get('/api/caseload', tokens['laPaz']);
    expect(
      (laPaz.body['providers'] as Json[]).some((p) => p['provider'] === 'employment-ahuachapan'),
    ).toBe(false);
    expect((laPaz.body['officers'] as Json[]).length).toBeGreaterThan(0);
  });
});
