import { Client as TemporalClient, Connection } from '@temporalio/client';
import { Kafka, type Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { Client as PgClient } from 'pg';
import {
  CLOUDEVENTS_CONTENT_TYPE,
  createEvent,
  deadLetterTopicOf,
  returneeRegisteredV1,
  TOPICS,
} from '@reintegra/event-contracts';
import {
  pathStateQuery,
  reintegrationPathWorkflowId,
  type PathState,
} from '@reintegra/workflow-contracts';
import { PathServices } from './path-services';
import {
  currentTestStack,
  eventually,
  testDatabaseUrl,
  testToken,
  TopicRecorder,
} from '@reintegra/testing';

/**
 * The walking skeleton through the real engines: POST /returnees on intake → outbox → Kafka →
 * orchestrator (inbox) → Temporal workflow → GET /returnees/:id/path answers from its query.
 */
const stack = currentTestStack();
const services = new PathServices('e2e', { intake: 3201, orchestrator: 3202 });
const { intake, orchestrator } = services;
const CONSUMER_GROUP = services.orchestratorGroup;
const intakeDb = new PgClient({ connectionString: testDatabaseUrl('intake', 'app') });
const orchestratorDb = new PgClient({ connectionString: testDatabaseUrl('orchestrator', 'app') });
const kafka = new Kafka({ brokers: stack.kafkaBrokers, clientId: 'e2e-test', logLevel: 1 });
let producer: Producer;
let temporal: TemporalClient;
let officer: string;

/** A valid registration with a unique name, so log assertions can look for it. */
function registration(overrides: Record<string, unknown> = {}) {
  return {
    firstNames: `Prueba ${randomUUID().slice(0, 8)}`,
    lastNames: 'Hernández Rivas',
    dateOfBirth: '1994-03-12',
    gender: 'female',
    contact: { phone: '+503 7000-0000' },
    returnDate: '2026-11-20',
    countryReturnedFrom: 'US',
    receptionPoint: 'aeropuerto-internacional-san-oscar-romero',
    municipalityCode: 'SV-PA-LA-PAZ-ESTE',
    districtCode: 'SV-PA-LA-PAZ-ESTE/ZACATECOLUCA',
    ...overrides,
  };
}

function post(body: string, headers: Record<string, string> = {}) {
  return fetch(`${intake.url}/returnees`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: officer, ...headers },
    body,
  });
}

async function counts() {
  const [returnees, outbox] = await Promise.all([
    intakeDb.query<{ n: string }>('SELECT count(*) AS n FROM returnees'),
    intakeDb.query<{ n: string }>('SELECT count(*) AS n FROM outbox_messages'),
  ]);
  return { returnees: Number(returnees.rows[0]?.n), outbox: Number(outbox.rows[0]?.n) };
}

function queryPath(caseId: string): Promise<PathState> {
  return temporal.workflow.getHandle(reintegrationPathWorkflowId(caseId)).query(pathStateQuery);
}

beforeAll(async () => {
  await services.start();
  officer = await testToken({ roles: ['intake-officer'], municipalityCode: 'SV-PA-LA-PAZ-ESTE' });
  await Promise.all([intakeDb.connect(), orchestratorDb.connect()]);
  producer = kafka.producer();
  await producer.connect();
  temporal = new TemporalClient({
    connection: await Connection.connect({ address: stack.temporalAddress }),
    namespace: stack.temporalNamespace,
  });
});

afterAll(async () => {
  await services.stop();
  await Promise.allSettled([intakeDb.end(), orchestratorDb.end(), producer?.disconnect()]);
  await temporal?.connection.close();
});

describe('walking skeleton: intake → Kafka → orchestrator → Temporal', () => {
  let returneeId: string;
  let caseId: string;
  let firstNames: string;

  it('registers a returnee and answers its path from the workflow', async () => {
    const body = registration({ dui: '04567890-3' });
    firstNames = body.firstNames;
    await intakeDb.query(
      `DELETE FROM return_episodes USING returnees r WHERE returnee_id = r.id AND r.dui = '04567890-3'`,
    );
    await intakeDb.query(`DELETE FROM returnees WHERE dui = '04567890-3'`);

    const response = await post(JSON.stringify(body));
    expect(response.status).toBe(201);
    const created = (await response.json()) as {
      returneeId: string;
      caseId: string;
      minor: boolean;
    };
    expect(created.minor).toBe(false);
    expect(response.headers.get('location')).toBe(`/returnees/${created.returneeId}`);
    ({ returneeId, caseId } = created);

    const path = await eventually(async () => {
      const r = await fetch(`${intake.url}/returnees/${returneeId}/path`, {
        headers: { authorization: officer },
      });
      expect(r.status).toBe(200);
      return (await r.json()) as { caseId: string; path: PathState };
    });
    expect(path.caseId).toBe(caseId);
    expect(path.path).toMatchObject({
      caseId,
      phase: 'intake',
      municipalityCode: 'SV-PA-LA-PAZ-ESTE',
      minor: false,
    });
    expect(path.path.history).toHaveLength(1);

    const outbox = await intakeDb.query(
      'SELECT published_at FROM outbox_messages WHERE message_key = $1',
      [caseId],
    );
    expect(outbox.rows).toHaveLength(1);
    expect(outbox.rows[0].published_at).not.toBeNull();
  });

  it('makes the path findable by a supervisor visibility query', async () => {
    const query = `WorkflowId = '${reintegrationPathWorkflowId(caseId)}' AND Municipality = 'SV-PA-LA-PAZ-ESTE' AND CasePhase = 'intake'`;
    await eventually(async () => {
      const found: string[] = [];
      for await (const workflow of temporal.workflow.list({ query }))
        found.push(workflow.workflowId);
      expect(found).toEqual([reintegrationPathWorkflowId(caseId)]);
    });
  });

  it('answers a second registration of the same DUI with 409 and a link to the person', async () => {
    const before = await counts();
    const response = await post(JSON.stringify(registration({ dui: '04567890-3' })));
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({
      code: 'returnee.duplicate-dui',
      existing: `/returnees/${returneeId}`,
    });
    expect(await counts()).toEqual(before);
  });

  it('has no second effect when the same event is delivered again', async () => {
    const { rows } = await intakeDb.query<{ payload: unknown }>(
      'SELECT payload FROM outbox_messages WHERE message_key = $1',
      [caseId],
    );
    const [sent] = await producer.send({
      topic: TOPICS.intakeReturnees,
      messages: [
        {
          key: caseId,
          value: JSON.stringify(rows[0]?.payload),
          headers: { 'content-type': CLOUDEVENTS_CONTENT_TYPE },
        },
      ],
    });
    const admin = kafka.admin();
    await admin.connect();
    try {
      // Processed once the group's committed offset has moved past the redelivered message.
      await eventually(async () => {
        const [offsets] = await admin.fetchOffsets({
          groupId: CONSUMER_GROUP,
          topics: [TOPICS.intakeReturnees],
        });
        const committed = offsets?.partitions.find((p) => p.partition === sent?.partition);
        expect(BigInt(committed?.offset ?? '-1')).toBeGreaterThan(BigInt(sent?.baseOffset ?? '0'));
      });
    } finally {
      await admin.disconnect();
    }
    const inbox = await orchestratorDb.query(
      'SELECT count(*)::int AS n FROM inbox_messages WHERE consumer = $1 AND event_id = $2',
      [CONSUMER_GROUP, (rows[0]?.payload as { id: string }).id],
    );
    expect(inbox.rows[0].n).toBe(1);
    expect((await queryPath(caseId)).history).toHaveLength(1);
  });

  it('rejects malformed JSON with 400 problem+json, writing and publishing nothing', async () => {
    const before = await counts();
    const response = await post('{"firstNames": "Ana",', { 'accept-language': 'en' });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(await response.json()).toMatchObject({
      status: 400,
      code: 'request.malformed',
      title: 'The request is malformed.',
    });
    expect(await counts()).toEqual(before);
  });

  it('lists every invalid field in Spanish by default, writing and publishing nothing', async () => {
    const before = await counts();
    const response = await post(
      JSON.stringify(
        registration({
          dui: '04567890-4',
          dateOfBirth: '2090-01-01',
          gender: 'x',
          municipalityCode: 'Zacatecoluca',
          unexpected: true,
        }),
      ),
    );
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.headers.get('content-language')).toBe('es');
    const problem = (await response.json()) as {
      code: string;
      errors: Array<{ field: string; message: string }>;
    };
    expect(problem.code).toBe('request.invalid');
    const fields = problem.errors.map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['dui', 'dateOfBirth', 'gender', 'municipalityCode', '']),
    );
    expect(problem.errors.find((e) => e.field === 'dui')?.message).toMatch(/DUI no válido/);
    expect(await counts()).toEqual(before);
  });

  it('dead-letters messages that break the contract, with the reason, and carries on', async () => {
    const dlq = new TopicRecorder(stack.kafkaBrokers, [deadLetterTopicOf(TOPICS.intakeReturnees)]);
    await dlq.start();
    try {
      const key = randomUUID();
      const valid = createEvent(returneeRegisteredV1, {
        subject: key,
        source: '/reintegra/intake',
        actor: 'system:e2e',
        correlationId: randomUUID(),
        data: {
          caseId: key,
          returneeId: randomUUID(),
          episodeNumber: 1,
          municipalityCode: 'SV-SS-SAN-SALVADOR-CENTRO',
          returnDate: '2026-11-21',
          countryReturnedFrom: 'MX',
          minor: true,
          registeredAt: new Date().toISOString(),
        },
      });
      const invalid = { ...valid, id: randomUUID(), data: { ...valid.data, caseId: 'not-a-uuid' } };
      // Same key → same partition → processed in this order.
      await producer.send({
        topic: TOPICS.intakeReturnees,
        messages: [
          { key, value: '{"this is": not json' },
          { key, value: JSON.stringify(invalid) },
          { key, value: JSON.stringify(valid) },
        ],
      });

      await eventually(() => expect(dlq.messages).toHaveLength(2));
      expect(dlq.messages.map((m) => m.headers['dlq-reason'])).toEqual([
        'malformed-json',
        'invalid-data',
      ]);
      expect(dlq.messages[1]?.headers['dlq-detail']).toContain('caseId');
      expect(dlq.messages[0]?.value).toBe('{"this is": not json');
      expect(dlq.messages[0]?.headers['dlq-original-topic']).toBe(TOPICS.intakeReturnees);

      // The valid message behind them was processed: its path exists.
      const path = await eventually(() => queryPath(key));
      expect(path).toMatchObject({ caseId: key, minor: true, phase: 'intake' });
    } finally {
      await dlq.stop();
    }
  });

  it('keeps personal data out of the service logs', () => {
    const logs = intake.logs() + orchestrator.logs();
    expect(logs).toContain(caseId); // the logs are there, and they name the case…
    for (const personal of [firstNames, 'Hernández Rivas', '04567890-3', '7000-0000']) {
      expect(logs).not.toContain(personal); // …but never the person.
    }
  });
});
