import { randomUUID } from 'node:crypto';
import { careFixtures, officeUser } from './testing/care-fixtures';
import {
  as,
  OFFICE,
  OTHER_OFFICE,
  startVictimSupport,
  type TestService,
  uniqueSubject,
} from './testing/victim-support-test-bed';

/**
 * The cases of issue 20 (defect 6): a La Paz Este counsellor or supervisor reaches nothing of a
 * San Salvador Centro record. Each refusal answers like a record that does not exist, writes
 * nothing (row counts unchanged) and is audited.
 */
let service: TestService;
let fixtures: ReturnType<typeof careFixtures>;

const sanSalvador = {
  counsellor: officeUser(uniqueSubject('ss-counsellor'), 'victim-support-counsellor', OTHER_OFFICE),
  supervisor: officeUser(uniqueSubject('ss-supervisor'), 'victim-support-supervisor', OTHER_OFFICE),
};
const laPaz = {
  counsellor: officeUser(uniqueSubject('lp-counsellor'), 'victim-support-counsellor', OFFICE),
  supervisor: officeUser(uniqueSubject('lp-supervisor'), 'victim-support-supervisor', OFFICE),
};
const crisis = {
  reasonCode: 'crisis-call' as const,
  justification: 'Crisis call while the team is away.',
};
const session = () => ({ heldAt: new Date().toISOString(), durationMinutes: 30, notes: 'n' });

/** A San Salvador record, accepted by its own counsellor unless told. */
const sanSalvadorRecord = (state?: 'referred') =>
  fixtures.freshRecord(sanSalvador.counsellor, state, OTHER_OFFICE);

beforeAll(async () => {
  service = await startVictimSupport();
  fixtures = careFixtures(service);
});

afterAll(async () => {
  await service?.stop();
});

/** Asserts the answer of a non-existent record, with nothing written. */
async function refusedAsUnknown(
  reference: string,
  call: () => Promise<{ status: number; body: { code?: string } }>,
) {
  const before = await fixtures.footprint(reference);
  const response = await call();
  expect(response.status).toBe(404);
  expect(response.body.code).toBe('care-record.not-found');
  expect(await fixtures.footprint(reference)).toEqual(before);
}

describe('a La Paz Este counsellor and a San Salvador Centro record', () => {
  const c = () => as(service.url, laPaz.counsellor);

  it('does not see the referral in the queue, nor accept it', async () => {
    const reference = await sanSalvadorRecord('referred');
    const queue = async (user: typeof laPaz.counsellor) =>
      (
        (await as(service.url, user).get('/referrals')).body as unknown as { reference: string }[]
      ).map((item) => item.reference);
    expect(await queue(laPaz.counsellor)).not.toContain(reference);
    expect(await queue(sanSalvador.counsellor)).toContain(reference);

    await refusedAsUnknown(reference, () => c().post(`/care-records/${reference}/acceptance`, {}));
    expect((await fixtures.footprint(reference))['status']).toBe('referred');
    expect(await fixtures.refusals(reference)).toEqual([
      { subject: laPaz.counsellor.subject, reason: 'care-record.accepted' },
    ]);
  });

  it('writes no risk, session or closure, even if assigned to it', async () => {
    const reference = await sanSalvadorRecord();
    // The supervisor's assignment names any subject; the office scope still holds.
    const assigned = await as(service.url, sanSalvador.supervisor).post(
      `/care-records/${reference}/assignments`,
      { counsellor: laPaz.counsellor.subject },
    );
    expect(assigned.status).toBe(201);
    const path = `/care-records/${reference}`;
    await refusedAsUnknown(reference, () =>
      c().post(`${path}/risk-assessments`, { level: 'high', reasonCodes: ['stalking'] }),
    );
    await refusedAsUnknown(reference, () => c().post(`${path}/sessions`, session()));
    await refusedAsUnknown(reference, () =>
      c().post(`${path}/closure`, { reasonCode: 'goals-met' }),
    );
    await refusedAsUnknown(reference, () => c().get(path));
    expect((await fixtures.refusals(reference)).map((row) => row.reason)).toEqual([
      'risk-assessment.recorded',
      'session.recorded',
      'care-record.closed',
      'care-record.read',
    ]);
    // Its own counsellor still writes.
    const own = await as(service.url, sanSalvador.counsellor).post(`${path}/sessions`, session());
    expect(own.status).toBe(201);
  });

  it('cannot break the glass: no grant, no notice', async () => {
    const reference = await sanSalvadorRecord();
    await refusedAsUnknown(reference, () =>
      c().post(`/care-records/${reference}/break-glass`, crisis),
    );
    expect(await fixtures.footprint(reference)).toMatchObject({ grants: 0, notices: 0 });
    expect(await fixtures.refusals(reference)).toEqual([
      { subject: laPaz.counsellor.subject, reason: 'break-glass.granted' },
    ]);
  });
});

describe('a La Paz Este supervisor and a San Salvador Centro record', () => {
  const s = () => as(service.url, laPaz.supervisor);

  it('neither reads, audits, assigns nor erases it', async () => {
    const reference = await sanSalvadorRecord();
    const path = `/care-records/${reference}`;
    await refusedAsUnknown(reference, () => s().get(path));
    await refusedAsUnknown(reference, () => s().get(`${path}/audit`));
    await refusedAsUnknown(reference, () =>
      s().post(`${path}/assignments`, { counsellor: laPaz.counsellor.subject }),
    );
    await refusedAsUnknown(reference, () =>
      s().post(`${path}/erasure`, { reasonCode: 'survivor-request' }),
    );
    expect(await fixtures.footprint(reference)).toMatchObject({ keys: 1, status: 'accepted' });
    expect((await fixtures.refusals(reference)).map((row) => row.reason)).toEqual([
      'care-record.read',
      'audit-trail.read',
      'assignment.added',
      'care-record.erased',
    ]);
    // Only the supervisor of that office erases it.
    const erased = await as(service.url, sanSalvador.supervisor).post(`${path}/erasure`, {
      reasonCode: 'survivor-request',
    });
    expect(erased.status).toBe(200);
  });

  it('neither sees nor acknowledges its break-glass notice', async () => {
    const reference = await sanSalvadorRecord();
    const other = officeUser(
      uniqueSubject('ss-on-call'),
      'victim-support-counsellor',
      OTHER_OFFICE,
    );
    await fixtures.care.breakGlass(other, reference, crisis);
    const [notice] = await fixtures.db.query(
      `SELECT id FROM supervisor_notifications WHERE reference = $1`,
      [reference],
    );
    const queue = async (user: typeof laPaz.supervisor) =>
      (
        (await as(service.url, user).get('/supervisor/notifications')).body as unknown as {
          reference: string;
        }[]
      ).map((item) => item.reference);
    expect(await queue(laPaz.supervisor)).not.toContain(reference);
    expect(await queue(sanSalvador.supervisor)).toContain(reference);

    const ack = `/supervisor/notifications/${notice.id}/acknowledgement`;
    const refused = await s().post(ack, {});
    expect(refused.status).toBe(404);
    expect(refused.body.code).toBe('notification.not-found');
    expect(await fixtures.footprint(reference)).toMatchObject({ acknowledged: 0 });
    expect((await as(service.url, sanSalvador.supervisor).post(ack, {})).status).toBe(200);
  });
});

describe('records and tokens outside every office', () => {
  it('lets nobody reach a record received without a municipality (before routing existed)', async () => {
    const reference = randomUUID();
    await fixtures.db.transaction((manager) =>
      manager.query(
        `INSERT INTO care_records (reference, priority, requested_services, status)
         VALUES ($1, 'normal', '{legal}', 'referred')`,
        [reference],
      ),
    );
    const queue = (await as(service.url, laPaz.counsellor).get('/referrals')).body as unknown as {
      reference: string;
    }[];
    expect(queue.map((item) => item.reference)).not.toContain(reference);
    for (const user of [laPaz.counsellor, sanSalvador.counsellor]) {
      const response = await as(service.url, user).post(
        `/care-records/${reference}/acceptance`,
        {},
      );
      expect(response.status).toBe(404);
    }
    expect(
      (await as(service.url, laPaz.supervisor).get(`/care-records/${reference}/audit`)).status,
    ).toBe(404);
  });

  it('gives a victim-support token without a municipality claim nothing', async () => {
    const reference = await fixtures.freshRecord(laPaz.counsellor, 'referred', OFFICE);
    const stray = {
      subject: uniqueSubject('no-office'),
      roles: ['victim-support-counsellor' as const],
    };
    const client = as(service.url, stray);
    expect((await client.get('/referrals')).body).toEqual([]);
    await refusedAsUnknown(reference, () =>
      client.post(`/care-records/${reference}/acceptance`, {}),
    );
  });
});
