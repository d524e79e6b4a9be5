import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { DataSource } from 'typeorm';
import type { Role } from '@reintegra/platform-auth';
import {
  deadLetterTopicOf,
  parseEvent,
  TOPICS,
  VICTIM_SUPPORT_STATUS_FIELDS,
  victimSupportReferralRequestedV1,
  victimSupportStatusChangedV1,
} from '@reintegra/event-contracts';
import { eventually, TopicRecorder, currentTestStack } from '@reintegra/testing';
import { CaseKeyService } from './crypto/case-keys.service';
import {
  as,
  LogCapture,
  OFFICE,
  publishReferral,
  startVictimSupport,
  testProducer,
  type TestService,
  type TestUser,
  uniqueSubject,
} from './testing/victim-support-test-bed';

/**
 * A survivor referred by intake is cared for end to end, and nothing of the care leaves the
 * service: not on any topic it writes to, not in its logs, not in the audit log. Runs in-process
 * against the real PostgreSQL and Kafka.
 */
const SENSITIVE = {
  intakeNotes: 'Llegó acompañada por su prima; el agresor la espera en Zacatecoluca.',
  riskReasons: 'Amenazó con arma blanca frente a los hijos la semana pasada.',
  safePlace: 'Casa de la tía Marta, colonia El Carmen, tercera calle.',
  legalDetails: 'Denuncia FGR expediente 4471-2026 por violencia intrafamiliar.',
  sessionNotes: 'Sesión de contención: relata pesadillas recurrentes y miedo a salir.',
  justification: 'Llamada de crisis nocturna; la consejera asignada no está de turno.',
};
const sensitiveValues = Object.values(SENSITIVE);

const EVENT_ENVELOPE_KEYS = [
  'specversion',
  'id',
  'source',
  'type',
  'subject',
  'time',
  'datacontenttype',
  'correlationid',
  'causationid',
  'actor',
  'data',
];

let service: TestService;
let producer: Producer;
let recorder: TopicRecorder;
const logs = new LogCapture();
const reference = randomUUID();
/** Staff of the office the referral is routed to. */
const staff = (label: string, role: Role): TestUser => ({
  subject: uniqueSubject(label),
  roles: [role],
  municipalityCode: OFFICE,
});
const counsellor = staff('counsellor', 'victim-support-counsellor');
const onCall = staff('on-call', 'victim-support-counsellor');
const supervisor = staff('vs-supervisor', 'victim-support-supervisor');

beforeAll(async () => {
  const stack = currentTestStack();
  // Every topic this service can write to: its outbox topics and the dead-letter topic of what
  // it consumes. The test below checks the outbox really used no other topic.
  recorder = new TopicRecorder(stack.kafkaBrokers, [
    TOPICS.referralStatus,
    deadLetterTopicOf(TOPICS.intakeReferrals),
  ]);
  await recorder.start();
  logs.start();
  service = await startVictimSupport({ withConsumer: true, logLevel: 'debug' });
  producer = await testProducer();
});

afterAll(async () => {
  await producer?.disconnect();
  await service?.stop();
  logs.stop();
  await recorder?.stop();
});

describe('a survivor referred from intake', () => {
  it('is cared for end to end, and only status events leave the service', async () => {
    const c = as(service.url, counsellor);
    const s = as(service.url, supervisor);

    await publishReferral(producer, {
      reference,
      priority: 'urgent',
      requestedServices: ['psychological', 'legal'],
    });
    const queued = await eventually(async () => {
      const response = await c.get('/referrals');
      const found = (response.body as unknown as { reference: string }[]).find(
        (referral) => referral.reference === reference,
      );
      expect(found).toBeDefined();
      return found as { reference: string };
    });
    expect(queued).toMatchObject({
      priority: 'urgent',
      requestedServices: ['psychological', 'legal'],
    });

    const acceptance = { intakeNotes: SENSITIVE.intakeNotes };
    expect((await c.post(`/care-records/${reference}/acceptance`, acceptance)).status).toBe(200);
    expect(
      (
        await c.post(`/care-records/${reference}/risk-assessments`, {
          level: 'high',
          reasonCodes: ['threats-to-life', 'children-at-risk'],
          reasons: SENSITIVE.riskReasons,
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await c.put(`/care-records/${reference}/safety-plan`, {
          safePlaces: [SENSITIVE.safePlace],
          emergencySteps: ['Llamar al 911'],
        })
      ).status,
    ).toBe(200);
    const legal = await c.post(`/care-records/${reference}/services`, {
      kind: 'legal-case-filing',
      legalCaseDetails: SENSITIVE.legalDetails,
    });
    expect(legal.status).toBe(201);
    const session = await c.post(`/care-records/${reference}/sessions`, {
      heldAt: new Date().toISOString(),
      durationMinutes: 50,
      notes: SENSITIVE.sessionNotes,
    });
    expect(session.status).toBe(201);

    const record = await c.get(`/care-records/${reference}`);
    expect(record.status).toBe(200);
    expect(record.body).toMatchObject({
      status: 'engaged',
      access: 'assigned-care',
      intakeNotes: SENSITIVE.intakeNotes,
      riskLevel: 'high',
      riskAssessments: [{ level: 'high', reasons: SENSITIVE.riskReasons }],
      safetyPlan: { safePlaces: [SENSITIVE.safePlace] },
      services: [{ kind: 'legal-case-filing', legalCaseDetails: SENSITIVE.legalDetails }],
      sessions: [{ notes: SENSITIVE.sessionNotes, durationMinutes: 50 }],
    });

    // The supervisor reads; an unassigned counsellor does not, until break-glass.
    expect((await s.get(`/care-records/${reference}`)).body).toMatchObject({
      access: 'supervision',
    });
    const o = as(service.url, onCall);
    expect((await o.get(`/care-records/${reference}`)).status).toBe(403);
    expect((await o.post(`/care-records/${reference}/break-glass`, {})).status).toBe(400);
    const glass = await o.post(`/care-records/${reference}/break-glass`, {
      reasonCode: 'crisis-call',
      justification: SENSITIVE.justification,
    });
    expect(glass.status).toBe(201);
    expect((await o.get(`/care-records/${reference}`)).body).toMatchObject({
      access: 'break-glass',
      sessions: [{ notes: SENSITIVE.sessionNotes }],
    });
    const notices = await s.get('/supervisor/notifications');
    expect(notices.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'break-glass',
          reference,
          subject: onCall.subject,
          reasonCode: 'crisis-call',
        }),
      ]),
    );

    // Consent per disclosure: shared while consented, refused at once after withdrawal.
    const consent = await c.post(`/care-records/${reference}/consents`, {
      recipient: 'legal-partner:org-ormusa',
      purpose: 'legal-representation',
      categories: ['legal-case-details'],
    });
    expect(consent.status).toBe(201);
    const disclosure = {
      consentId: consent.body['id'],
      recipient: 'legal-partner:org-ormusa',
      categories: ['legal-case-details'],
    };
    const shared = await c.post(`/care-records/${reference}/disclosures`, disclosure);
    expect(shared.status).toBe(201);
    expect(shared.body).toMatchObject({ content: { legalCaseDetails: [SENSITIVE.legalDetails] } });
    const beyond = { ...disclosure, categories: ['safety-plan'] };
    expect((await c.post(`/care-records/${reference}/disclosures`, beyond)).status).toBe(403);
    expect(
      (await c.post(`/care-records/${reference}/consents/${String(consent.body['id'])}/withdrawal`))
        .status,
    ).toBe(200);
    const refused = await c.post(`/care-records/${reference}/disclosures`, disclosure);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('disclosure.no-consent');

    expect(
      (await c.post(`/care-records/${reference}/closure`, { reasonCode: 'goals-met' })).status,
    ).toBe(200);

    // The bus saw accepted, engaged, closed for this reference, and nothing else from this service
    // (other services' consumers in concurrent runs of older code may dead-letter the referral).
    const statuses = await eventually(() => {
      const ours = recorder.messages.filter(
        (m) =>
          m.key === reference &&
          (m.headers['dlq-consumer'] ?? 'victim-support').startsWith('victim-support'),
      );
      expect(ours).toHaveLength(3);
      return ours;
    });
    expect(
      statuses.map(
        (m) => (JSON.parse(m.value ?? 'null') as { data: { status: string } }).data.status,
      ),
    ).toEqual(['accepted', 'engaged', 'closed']);
  });

  it('dead-letters a referral that carries more than the contract (a case id), storing nothing', async () => {
    const leaky = randomUUID();
    const event = {
      specversion: '1.0',
      id: randomUUID(),
      source: '/reintegra/intake',
      type: victimSupportReferralRequestedV1.type,
      subject: leaky,
      time: new Date().toISOString(),
      datacontenttype: 'application/json',
      correlationid: randomUUID(),
      actor: 'system:intake',
      data: {
        reference: leaky,
        priority: 'normal',
        requestedServices: ['recreation'],
        consentGiven: true,
        caseId: randomUUID(),
      },
    };
    await producer.send({
      topic: TOPICS.intakeReferrals,
      messages: [{ key: leaky, value: JSON.stringify(event) }],
    });
    const dead = await eventually(() => {
      const found = recorder.messages.find(
        (m) => m.topic === deadLetterTopicOf(TOPICS.intakeReferrals) && m.key === leaky,
      );
      expect(found).toBeDefined();
      return found as { headers: Record<string, string> };
    });
    expect(dead.headers['dlq-reason']).toBe('invalid-data');
    const [row] = await service.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM care_records WHERE reference = $1`, [leaky]);
    expect(row.n).toBe(0);
  });

  it('wrote only to the recorded topics, and every message carries only the allowed fields', async () => {
    const dataSource = service.app.get(DataSource);
    const topics: { topic: string }[] = await dataSource.query(
      `SELECT DISTINCT topic FROM outbox_messages`,
    );
    expect(topics.map((t) => t.topic)).toEqual([TOPICS.referralStatus]);

    const fromUs = recorder.messages.filter((m) => {
      const parsed = parseEvent(m.value);
      return parsed.ok && parsed.event.source === '/reintegra/victim-support';
    });
    expect(fromUs.length).toBeGreaterThanOrEqual(3);
    for (const message of fromUs) {
      const event = JSON.parse(message.value ?? 'null') as Record<string, unknown> & {
        data: Record<string, unknown>;
      };
      expect(EVENT_ENVELOPE_KEYS).toEqual(expect.arrayContaining(Object.keys(event)));
      expect(event['type']).toBe(victimSupportStatusChangedV1.type);
      expect(event['actor']).toBe('system:victim-support');
      expect(event['subject']).toBe(event.data['reference']);
      expect(message.key).toBe(event.data['reference']);
      expect([...VICTIM_SUPPORT_STATUS_FIELDS]).toEqual(
        expect.arrayContaining(Object.keys(event.data)),
      );
      for (const value of [...sensitiveValues, counsellor.subject, onCall.subject])
        expect(message.value).not.toContain(value);
    }
  });

  it('stores sensitive fields only as ciphertext and the audit log without care content', async () => {
    const dataSource = service.app.get(DataSource);
    const dump: { text: string }[] = await dataSource.query(
      `SELECT concat_ws('|',
          (SELECT string_agg(encode(intake_notes, 'escape'), '') FROM care_records WHERE reference = $1),
          (SELECT string_agg(encode(reasons, 'escape'), '') FROM risk_assessments WHERE reference = $1),
          (SELECT string_agg(encode(plan, 'escape'), '') FROM safety_plans WHERE reference = $1),
          (SELECT string_agg(encode(notes, 'escape'), '') FROM care_sessions WHERE reference = $1),
          (SELECT string_agg(encode(legal_details, 'escape'), '') FROM care_services WHERE reference = $1),
          (SELECT string_agg(encode(justification, 'escape'), '') FROM break_glass_grants WHERE reference = $1),
          (SELECT string_agg(a::text, '') FROM audit_log a WHERE reference = $1)) AS text`,
      [reference],
    );
    for (const value of sensitiveValues) {
      expect(dump[0]?.text).not.toContain(value);
      expect(dump[0]?.text).not.toContain(value.slice(0, 12));
    }
  });

  it('keeps every read and write in the audit trail, with who, what and why', async () => {
    const trail = await as(service.url, supervisor).get(`/care-records/${reference}/audit`);
    const rows = trail.body as unknown as {
      action: string;
      actorSubject: string;
      purpose: string;
      outcome: string;
    }[];
    const summary = rows.map((r) => `${r.action}:${r.purpose}:${r.outcome}`);
    expect(summary).toEqual(
      expect.arrayContaining([
        'referral.received:referral:allowed',
        'care-record.accepted:assigned-care:allowed',
        'risk-assessment.recorded:assigned-care:allowed',
        'safety-plan.updated:assigned-care:allowed',
        'service.added:assigned-care:allowed',
        'session.recorded:assigned-care:allowed',
        'care-record.read:assigned-care:allowed',
        'care-record.read:supervision:allowed',
        'access.denied:none:denied',
        'break-glass.granted:break-glass:allowed',
        'care-record.read:break-glass:allowed',
        'consent.granted:assigned-care:allowed',
        'disclosure.recorded:assigned-care:allowed',
        'consent.withdrawn:assigned-care:allowed',
        'care-record.closed:assigned-care:allowed',
      ]),
    );
    // Refused disclosures roll back: exactly one disclosure was recorded.
    expect(summary.filter((s) => s.startsWith('disclosure.recorded'))).toHaveLength(1);
  });

  it('is unreadable after erasure, while the erasure and the audit trail remain', async () => {
    const s = as(service.url, supervisor);
    expect(
      (await s.post(`/care-records/${reference}/erasure`, { reasonCode: 'survivor-request' }))
        .status,
    ).toBe(200);
    const read = await as(service.url, counsellor).get(`/care-records/${reference}`);
    expect(read.status).toBe(409);
    expect(read.body.code).toBe('care-record.erased');

    const dataSource = service.app.get(DataSource);
    const keys = service.app.get(CaseKeyService);
    await expect(
      dataSource.transaction((manager) => keys.withKey(manager, reference, () => 'opened')),
    ).rejects.toMatchObject({ code: 'care-record.erased' });
    const [key] = await dataSource.query(
      `SELECT wrapped_key, destroyed_at FROM case_keys WHERE reference = $1`,
      [reference],
    );
    expect(key).toMatchObject({ wrapped_key: null });
    expect(key.destroyed_at).toBeInstanceOf(Date);
    // The ciphertext is still there, and no key exists that opens it.
    const [sessions] = await dataSource.query(
      `SELECT count(*)::int AS n FROM care_sessions WHERE reference = $1`,
      [reference],
    );
    expect(sessions.n).toBe(1);

    const trail = (await s.get(`/care-records/${reference}/audit`)).body as unknown as {
      action: string;
      reasonCode: string | null;
    }[];
    expect(trail.at(-1)).toMatchObject({
      action: 'care-record.erased',
      reasonCode: 'survivor-request',
    });
    expect(trail.length).toBeGreaterThan(15);
    expect((await s.get('/audit/verification')).body).toMatchObject({ ok: true });
  });

  it('never wrote a sensitive value to the logs', async () => {
    const text = logs.text();
    // The capture works: the service did log this scenario's requests.
    expect(text).toContain(`/care-records/${reference}`);
    for (const value of sensitiveValues) expect(text).not.toContain(value);
  });
});
