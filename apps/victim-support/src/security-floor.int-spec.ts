import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { serviceDataSourceOptions } from '@reintegra/platform-database';
import { testDatabaseUrl } from '@reintegra/testing';
import { verifyAuditLog } from './audit/audit-log.service';
import { CaseKeyService } from './crypto/case-keys.service';
import { type KeyProvider, openBytes, sealBytes } from '@reintegra/platform-crypto';
import { victimSupportDataSource } from './database/victim-support-data-source';
import { careFixtures, officeUser } from './testing/care-fixtures';
import {
  as,
  startVictimSupport,
  testKeyProvider,
  type TestService,
  uniqueSubject,
} from './testing/victim-support-test-bed';

/**
 * The security floor: bad input is refused with nothing half-written, the audit log cannot be
 * changed, and the service refuses a foreign key-encryption key. (Who may call what: the access
 * matrix and the office scope have suites of their own.)
 */
let service: TestService;
let care: ReturnType<typeof careFixtures>['care'];
let footprint: ReturnType<typeof careFixtures>['footprint'];
let db: DataSource;
let freshRecord: (state?: 'referred' | 'accepted') => Promise<string>;

const assigned = officeUser(uniqueSubject('assigned'), 'victim-support-counsellor');
const otherCounsellor = officeUser(uniqueSubject('unassigned'), 'victim-support-counsellor');
const session = () => ({ heldAt: new Date().toISOString(), durationMinutes: 30, notes: 'n' });

beforeAll(async () => {
  service = await startVictimSupport();
  const fixtures = careFixtures(service);
  ({ care, footprint, db } = fixtures);
  freshRecord = (state) => fixtures.freshRecord(assigned, state);
});

afterAll(async () => {
  await service?.stop();
});

describe('bad input is refused with nothing half-written', () => {
  const counsellor = () => as(service.url, assigned);

  it('answers 404 for an unknown or already acknowledged supervisor notification', async () => {
    const supervisor = as(
      service.url,
      officeUser(uniqueSubject('supervisor'), 'victim-support-supervisor'),
    );
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
    const other = as(service.url, otherCounsellor);
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
    const other = as(service.url, otherCounsellor);
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
    const response = await as(service.url, otherCounsellor).post(
      `/care-records/${reference}/acceptance`,
      {},
    );
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
