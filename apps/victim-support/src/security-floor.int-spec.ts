import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { type Actor, ROLES, type Role } from '@reintegra/platform-auth';
import { serviceDataSourceOptions } from '@reintegra/platform-database';
import { testDatabaseUrl } from '@reintegra/testing';
import { verifyAuditLog } from './audit/audit-log.service';
import { CaseKeyService } from './crypto/case-keys.service';
import { type KeyProvider, openBytes, sealBytes } from './crypto/key-provider';
import { victimSupportDataSource } from './database/victim-support-data-source';
import {
  as,
  startVictimSupport,
  testKeyProvider,
  type TestService,
  uniqueSubject,
} from './testing/victim-support-test-bed';
import { BreakGlassService } from './break-glass/break-glass.service';
import { ConsentsService } from './consents/consents.service';
import { ReferralsService } from './referrals/referrals.service';
import { SessionsService } from './sessions/sessions.service';

/**
 * The security floor: every endpoint × every role is allowed only where need-to-know says so,
 * and bad input is refused with nothing half-written.
 */
let service: TestService;
/** The use cases the tests prepare records with, without going through HTTP. */
let care: Pick<ReferralsService, 'receiveReferral' | 'accept'> &
  Pick<SessionsService, 'close' | 'addService'> &
  Pick<ConsentsService, 'grantConsent'> &
  Pick<BreakGlassService, 'breakGlass'>;
let db: DataSource;

const assigned: Actor = {
  subject: uniqueSubject('assigned'),
  roles: ['victim-support-counsellor'],
};
const otherCounsellor: Actor = {
  subject: uniqueSubject('unassigned'),
  roles: ['victim-support-counsellor'],
};

interface Caller {
  label: string;
  user: { subject: string; roles: Role[] } | null;
}
const callers: Caller[] = [
  { label: 'anonymous', user: null },
  { label: 'assigned counsellor', user: { ...assigned, roles: [...assigned.roles] } },
  {
    label: 'unassigned counsellor',
    user: { ...otherCounsellor, roles: [...otherCounsellor.roles] },
  },
  ...ROLES.filter((role) => role !== 'victim-support-counsellor').map((role) => ({
    label: role,
    user: { subject: uniqueSubject(role), roles: [role] },
  })),
];

/** A referral received and (optionally) accepted by the assigned counsellor. */
async function freshRecord(state: 'referred' | 'accepted' = 'accepted'): Promise<string> {
  const reference = randomUUID();
  await db.transaction((manager) =>
    care.receiveReferral(manager, {
      reference,
      priority: 'normal',
      requestedServices: ['psychological'],
      consentGiven: true,
    }),
  );
  if (state === 'accepted') await care.accept(assigned, reference, {});
  return reference;
}

interface Endpoint {
  name: string;
  method: 'get' | 'post' | 'put';
  allowed: readonly string[];
  prepare: () => Promise<{ path: string; body?: unknown }>;
}

const SUPERVISOR = 'victim-support-supervisor';
const readers = ['assigned counsellor', SUPERVISOR];
const carers = ['assigned counsellor'];
const session = () => ({ heldAt: new Date().toISOString(), durationMinutes: 30, notes: 'n' });

const endpoints: Endpoint[] = [
  {
    name: 'GET /referrals',
    method: 'get',
    allowed: ['assigned counsellor', 'unassigned counsellor', SUPERVISOR],
    prepare: async () => ({ path: '/referrals' }),
  },
  {
    name: 'POST acceptance',
    method: 'post',
    allowed: ['assigned counsellor', 'unassigned counsellor'],
    prepare: async () => ({
      path: `/care-records/${await freshRecord('referred')}/acceptance`,
      body: {},
    }),
  },
  {
    name: 'POST assignments',
    method: 'post',
    allowed: [SUPERVISOR],
    prepare: async () => ({
      path: `/care-records/${await freshRecord()}/assignments`,
      body: { counsellor: otherCounsellor.subject },
    }),
  },
  {
    name: 'GET record',
    method: 'get',
    allowed: readers,
    prepare: async () => ({ path: `/care-records/${await freshRecord()}` }),
  },
  {
    name: 'POST risk-assessments',
    method: 'post',
    allowed: carers,
    prepare: async () => ({
      path: `/care-records/${await freshRecord()}/risk-assessments`,
      body: { level: 'moderate', reasonCodes: ['isolation'] },
    }),
  },
  {
    name: 'PUT safety-plan',
    method: 'put',
    allowed: carers,
    prepare: async () => ({
      path: `/care-records/${await freshRecord()}/safety-plan`,
      body: { safeContacts: ['x'] },
    }),
  },
  {
    name: 'POST services',
    method: 'post',
    allowed: carers,
    prepare: async () => ({
      path: `/care-records/${await freshRecord()}/services`,
      body: { kind: 'recreation' },
    }),
  },
  {
    name: 'POST sessions',
    method: 'post',
    allowed: carers,
    prepare: async () => ({
      path: `/care-records/${await freshRecord()}/sessions`,
      body: session(),
    }),
  },
  {
    name: 'POST closure',
    method: 'post',
    allowed: carers,
    prepare: async () => ({
      path: `/care-records/${await freshRecord()}/closure`,
      body: { reasonCode: 'goals-met' },
    }),
  },
  {
    name: 'POST consents',
    method: 'post',
    allowed: carers,
    prepare: async () => ({
      path: `/care-records/${await freshRecord()}/consents`,
      body: { recipient: 'shelter:casa-1', purpose: 'shelter', categories: ['risk-level'] },
    }),
  },
  {
    name: 'POST consent withdrawal',
    method: 'post',
    allowed: carers,
    prepare: async () => {
      const reference = await freshRecord();
      const consent = await care.grantConsent(assigned, reference, {
        recipient: 'shelter:casa-1',
        purpose: 'shelter',
        categories: ['risk-level'],
      });
      return { path: `/care-records/${reference}/consents/${consent.id}/withdrawal` };
    },
  },
  {
    name: 'POST disclosures',
    method: 'post',
    allowed: carers,
    prepare: async () => {
      const reference = await freshRecord();
      const consent = await care.grantConsent(assigned, reference, {
        recipient: 'shelter:casa-1',
        purpose: 'shelter',
        categories: ['risk-level'],
      });
      return {
        path: `/care-records/${reference}/disclosures`,
        body: { consentId: consent.id, recipient: 'shelter:casa-1', categories: ['risk-level'] },
      };
    },
  },
  {
    name: 'POST break-glass',
    method: 'post',
    allowed: ['assigned counsellor', 'unassigned counsellor'],
    prepare: async () => ({
      path: `/care-records/${await freshRecord()}/break-glass`,
      body: { reasonCode: 'crisis-call', justification: 'Crisis call while the team is away.' },
    }),
  },
  {
    name: 'POST erasure',
    method: 'post',
    allowed: [SUPERVISOR],
    prepare: async () => ({
      path: `/care-records/${await freshRecord()}/erasure`,
      body: { reasonCode: 'survivor-request' },
    }),
  },
  {
    name: 'GET audit trail',
    method: 'get',
    allowed: [SUPERVISOR],
    prepare: async () => ({ path: `/care-records/${await freshRecord()}/audit` }),
  },
  {
    name: 'GET audit verification',
    method: 'get',
    allowed: [SUPERVISOR],
    prepare: async () => ({ path: '/audit/verification' }),
  },
  {
    name: 'GET supervisor notifications',
    method: 'get',
    allowed: [SUPERVISOR],
    prepare: async () => ({ path: '/supervisor/notifications' }),
  },
  {
    name: 'POST notification acknowledgement',
    method: 'post',
    allowed: [SUPERVISOR],
    prepare: async () => {
      const reference = await freshRecord();
      await care.breakGlass(otherCounsellor, reference, {
        reasonCode: 'crisis-call',
        justification: 'Crisis call while the team is away.',
      });
      const [notice] = await db.query(
        `SELECT id FROM supervisor_notifications WHERE reference = $1`,
        [reference],
      );
      return { path: `/supervisor/notifications/${notice.id}/acknowledgement` };
    },
  },
];

beforeAll(async () => {
  service = await startVictimSupport();
  const referrals = service.app.get(ReferralsService);
  const sessions = service.app.get(SessionsService);
  const consents = service.app.get(ConsentsService);
  const breakGlass = service.app.get(BreakGlassService);
  care = {
    receiveReferral: (manager, referral) => referrals.receiveReferral(manager, referral),
    accept: (actor, reference, request) => referrals.accept(actor, reference, request),
    close: (actor, reference, request) => sessions.close(actor, reference, request),
    addService: (actor, reference, request) => sessions.addService(actor, reference, request),
    grantConsent: (actor, reference, request) => consents.grantConsent(actor, reference, request),
    breakGlass: (actor, reference, request) => breakGlass.breakGlass(actor, reference, request),
  };
  db = service.app.get(DataSource);
});

afterAll(async () => {
  await service?.stop();
});

describe('every endpoint × every role', () => {
  const cases = endpoints.flatMap((endpoint) =>
    callers.map((caller) => [endpoint.name, caller.label, endpoint, caller] as const),
  );

  it.each(cases)('%s as %s', async (_name, _label, endpoint, caller) => {
    const { path, body } = await endpoint.prepare();
    const client = as(service.url, caller.user);
    const response =
      endpoint.method === 'get'
        ? await client.get(path)
        : endpoint.method === 'put'
          ? await client.put(path, body)
          : await client.post(path, body ?? {});
    if (caller.user === null) {
      expect(response.status).toBe(401);
    } else if (endpoint.allowed.includes(caller.label)) {
      expect([200, 201]).toContain(response.status);
    } else {
      expect(response.status).toBe(403);
      expect(response.contentType).toContain('application/problem+json');
      // A refusal tells nothing about the record.
      const { instance: _path, ...problem } = response.body;
      expect(JSON.stringify(problem)).not.toMatch(/notes|safety|risk-level|reasons/i);
    }
  });
});

/** Row counts that a refused request must leave unchanged. */
async function footprint(reference: string) {
  const [row] = await db.query(
    `SELECT (SELECT count(*) FROM risk_assessments WHERE reference = $1)::int AS risks,
            (SELECT count(*) FROM care_sessions WHERE reference = $1)::int AS sessions,
            (SELECT count(*) FROM disclosures WHERE reference = $1)::int AS disclosures,
            (SELECT count(*) FROM break_glass_grants WHERE reference = $1)::int AS grants,
            (SELECT count(*) FROM supervisor_notifications WHERE reference = $1)::int AS notices,
            (SELECT count(*) FROM outbox_messages WHERE message_key = $1::text)::int AS events,
            (SELECT count(*) FROM audit_log WHERE reference = $1 AND outcome = 'allowed')::int AS audited,
            (SELECT status FROM care_records WHERE reference = $1) AS status,
            (SELECT risk_level FROM care_records WHERE reference = $1) AS risk_level`,
    [reference],
  );
  return row as Record<string, unknown>;
}

describe('bad input is refused with nothing half-written', () => {
  const counsellor = () => as(service.url, { ...assigned, roles: [...assigned.roles] });

  it('answers 404 for an unknown or already acknowledged supervisor notification', async () => {
    const supervisor = as(service.url, {
      subject: uniqueSubject('supervisor'),
      roles: ['victim-support-supervisor'],
    });
    const unknown = await supervisor.post(
      `/supervisor/notifications/${randomUUID()}/acknowledgement`,
      {},
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ code: 'notification.not-found' });

    const reference = await freshRecord();
    await care.breakGlass(otherCounsellor, reference, {
      reasonCode: 'crisis-call',
      justification: 'Crisis call while the team is away.',
    });
    const [notice] = await db.query(
      `SELECT id FROM supervisor_notifications WHERE reference = $1`,
      [reference],
    );
    const path = `/supervisor/notifications/${notice.id}/acknowledgement`;
    expect((await supervisor.post(path, {})).status).toBe(200);
    expect((await supervisor.post(path, {})).status).toBe(404);
  });

  it('answers 404 for an unknown pseudonymous reference, 400 for one that is not a uuid', async () => {
    const unknown = randomUUID();
    for (const [method, path, body] of [
      ['get', `/care-records/${unknown}`, undefined],
      ['post', `/care-records/${unknown}/sessions`, session()],
      ['post', `/care-records/${unknown}/acceptance`, {}],
      [
        'post',
        `/care-records/${unknown}/break-glass`,
        { reasonCode: 'crisis-call', justification: 'Crisis call while the team is away.' },
      ],
    ] as const) {
      const response =
        method === 'get' ? await counsellor().get(path) : await counsellor().post(path, body);
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('care-record.not-found');
    }
    expect((await counsellor().get('/care-records/12345')).status).toBe(400);
    const [row] = await db.query(
      `SELECT count(*)::int AS n FROM care_records WHERE reference = $1`,
      [unknown],
    );
    expect(row.n).toBe(0);
  });

  it('refuses a session on a closed record', async () => {
    const reference = await freshRecord();
    await care.close(assigned, reference, { reasonCode: 'goals-met' });
    const before = await footprint(reference);
    const response = await counsellor().post(`/care-records/${reference}/sessions`, session());
    expect(response.status).toBe(409);
    expect(response.body.code).toBe('care-record.closed');
    expect(await footprint(reference)).toEqual(before);
  });

  it('refuses an invalid risk level, listing the field', async () => {
    const reference = await freshRecord();
    const before = await footprint(reference);
    const response = await counsellor().post(`/care-records/${reference}/risk-assessments`, {
      level: 'extreme',
      reasonCodes: ['stalking'],
    });
    expect(response.status).toBe(400);
    expect(response.body['errors']).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'level' })]),
    );
    expect(await footprint(reference)).toEqual(before);
  });

  it('refuses a disclosure without consent, or beyond what was consented', async () => {
    const reference = await freshRecord();
    const consent = await care.grantConsent(assigned, reference, {
      recipient: 'legal-partner:org-1',
      purpose: 'legal-representation',
      categories: ['services'],
    });
    const before = await footprint(reference);
    for (const body of [
      { consentId: randomUUID(), recipient: 'legal-partner:org-1', categories: ['services'] },
      { consentId: consent.id, recipient: 'legal-partner:org-2', categories: ['services'] },
      { consentId: consent.id, recipient: 'legal-partner:org-1', categories: ['safety-plan'] },
    ]) {
      const response = await counsellor().post(`/care-records/${reference}/disclosures`, body);
      expect(response.status).toBe(403);
      expect(response.body.code).toBe('disclosure.no-consent');
    }
    expect(await footprint(reference)).toEqual(before);
  });

  it('refuses a session for a service of another record, keeping the status unchanged', async () => {
    const reference = await freshRecord();
    const elsewhere = await freshRecord();
    const service2 = await care.addService(assigned, elsewhere, { kind: 'recreation' });
    const before = await footprint(reference);
    const response = await counsellor().post(`/care-records/${reference}/sessions`, {
      ...session(),
      serviceId: service2.id,
    });
    expect(response.status).toBe(404);
    expect(await footprint(reference)).toEqual(before);
    expect(before['status']).toBe('accepted');
  });

  it('refuses break-glass without a reason, granting nothing and notifying nobody', async () => {
    const reference = await freshRecord();
    const other = as(service.url, { ...otherCounsellor, roles: [...otherCounsellor.roles] });
    const before = await footprint(reference);
    for (const body of [
      {},
      { justification: 'Crisis call while the team is away.' },
      { reasonCode: 'crisis-call' },
      { reasonCode: 'curiosity', justification: 'Crisis call while the team is away.' },
    ]) {
      expect((await other.post(`/care-records/${reference}/break-glass`, body)).status).toBe(400);
    }
    expect(await footprint(reference)).toEqual(before);
    expect((await other.get(`/care-records/${reference}`)).status).toBe(403);
  });

  it('ends break-glass access when the grant expires', async () => {
    const reference = await freshRecord();
    const other = as(service.url, { ...otherCounsellor, roles: [...otherCounsellor.roles] });
    const grant = await care.breakGlass(otherCounsellor, reference, {
      reasonCode: 'imminent-risk-to-life',
      justification: 'Survivor reported an imminent threat on the crisis line.',
    });
    expect(grant.expiresAt.getTime() - grant.grantedAt.getTime()).toBe(60 * 60_000);
    expect((await other.get(`/care-records/${reference}`)).status).toBe(200);
    await db.query(
      `UPDATE break_glass_grants SET granted_at = now() - interval '2 hours',
              expires_at = now() - interval '1 hour' WHERE id = $1`,
      [grant.id],
    );
    expect((await other.get(`/care-records/${reference}`)).status).toBe(403);
  });

  it('refuses to accept a referral twice', async () => {
    const reference = await freshRecord();
    const response = await as(service.url, {
      ...otherCounsellor,
      roles: [...otherCounsellor.roles],
    }).post(`/care-records/${reference}/acceptance`, {});
    expect(response.status).toBe(409);
  });
});

describe('the audit log', () => {
  it('cannot be changed by the application role', async () => {
    await expect(db.query(`UPDATE audit_log SET action = 'care-record.read'`)).rejects.toThrow(
      /permission denied/,
    );
    await expect(db.query(`DELETE FROM audit_log`)).rejects.toThrow(/permission denied/);
    await expect(db.query(`TRUNCATE audit_log`)).rejects.toThrow(/permission denied/);
  });

  it('refuses updates even from the schema owner, and verification catches a forced change', async () => {
    const owner = new DataSource(
      serviceDataSourceOptions(
        victimSupportDataSource(testDatabaseUrl('victim_support', 'migrator')),
      ),
    );
    await owner.initialize();
    try {
      await expect(owner.query(`UPDATE audit_log SET purpose = 'none'`)).rejects.toThrow(
        /append-only/,
      );
      // Force changes around the trigger inside a transaction that is rolled back, so the shared
      // test database keeps an intact chain.
      for (const tamper of [
        `UPDATE audit_log SET actor_subject = 'someone-else'
          WHERE seq = (SELECT max(seq) - 1 FROM audit_log)`,
        `DELETE FROM audit_log WHERE seq = (SELECT max(seq) - 1 FROM audit_log)`,
      ]) {
        const runner = owner.createQueryRunner();
        await runner.startTransaction();
        try {
          await runner.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete`);
          await runner.query(tamper);
          const result = await verifyAuditLog((sql, parameters) => runner.query(sql, parameters));
          expect(result.ok).toBe(false);
        } finally {
          await runner.rollbackTransaction();
          await runner.release();
        }
      }
      expect(await verifyAuditLog((sql, parameters) => owner.query(sql, parameters))).toMatchObject(
        { ok: true },
      );
    } finally {
      await owner.destroy();
    }
  });
});

describe('the key-encryption key', () => {
  it('refuses to start with a KEK other than the one the case keys are wrapped with', async () => {
    const kek = randomBytes(32);
    const stranger: KeyProvider = {
      kekId: 'local:not-the-right-one',
      wrap: async (key, context) => sealBytes(kek, key, context),
      unwrap: async (wrapped, context) => openBytes(kek, wrapped, context),
    };
    await freshRecord('referred');
    await expect(new CaseKeyService(db, stranger).onApplicationBootstrap()).rejects.toThrow(
      /check VICTIM_SUPPORT_KEK_FILE/,
    );
    await expect(
      new CaseKeyService(db, testKeyProvider).onApplicationBootstrap(),
    ).resolves.toBeUndefined();
  });
});
