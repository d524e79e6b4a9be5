import type { Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import {
  consentWithdrawnV1,
  referralRequestedV1,
  referralRevokedV1,
  referralRoutedV1,
  referralStatusChangedV1,
} from '@reintegra/event-contracts';
import { eventually } from '@reintegra/testing';
import {
  as,
  publish,
  startServiceDirectory,
  type TestDirectory,
  testProducer,
} from './testing/service-directory-test-bed';

/** The provider inbox of outside organisations, in-process on the real PostgreSQL and Kafka. */
const LPE = 'SV-PA-LA-PAZ-ESTE';
const SHELTER = 'casa-acogida-prueba';
const OTHER = 'albergue-otro-prueba';
const STRANGER = 'clinica-ajena-prueba';
let directory: TestDirectory;
let producer: Producer;
let shelter: ReturnType<typeof as>;
let other: ReturnType<typeof as>;
let stranger: ReturnType<typeof as>;

type Json = Record<string, unknown>;
const officerGet = (path: string) =>
  as(directory.url, { roles: ['intake-officer'], municipalityCode: LPE }).get(path);
const staffOf = (organisationId: string) =>
  as(directory.url, { roles: ['provider-staff'], municipalityCode: LPE, organisationId });

async function referral(service: string, providerIds: string[], extra: Json = {}) {
  const referralId = randomUUID();
  const caseId = randomUUID();
  await publish(producer, referralRequestedV1, caseId, {
    referralId,
    caseId,
    service,
    priority: 'urgent',
    providerIds,
    acknowledgeBy: new Date(Date.now() + 72 * 3600_000).toISOString(),
    requestedAt: new Date().toISOString(),
    consentId: randomUUID(),
    eligibility: { ageYears: 29, sex: 'female', districtCode: `${LPE}/ZACATECOLUCA` },
    ...extra,
  });
  return { referralId, caseId };
}

async function inInbox(client: ReturnType<typeof as>, referralId: string) {
  return eventually(async () => {
    const response = await client.get(`/provider-inbox/referrals/${referralId}`);
    expect(response.status).toBe(200);
    return response.body;
  });
}

async function reported(referralId: string) {
  const rows = (await directory.db.query(
    `SELECT payload FROM outbox_messages
      WHERE payload->>'type' = $1 AND payload->'data'->>'referralId' = $2 ORDER BY position`,
    [referralStatusChangedV1.type, referralId],
  )) as { payload: { data: Json } }[];
  return rows.map((row) => referralStatusChangedV1.data.parse(row.payload.data));
}

beforeAll(async () => {
  directory = await startServiceDirectory();
  producer = await testProducer();
  const admin = as(directory.url, { roles: ['admin'] });
  for (const id of [SHELTER, OTHER, STRANGER]) {
    const response = await admin.post('/organizations', {
      id,
      name: `Organización ${id}`,
      description: 'Prueba',
      municipalityCode: LPE,
    });
    expect(response.status).toBe(201);
  }
  shelter = staffOf(SHELTER);
  other = staffOf(OTHER);
  stranger = staffOf(STRANGER);
});

afterAll(async () => {
  await producer?.disconnect();
  await directory?.stop();
});

describe('provider inbox', () => {
  it('shows an outside organisation the housing referral addressed to it, with need-to-know facts only, and reports its acceptance', async () => {
    const { referralId, caseId } = await referral('housing', [SHELTER, OTHER, 'not-registered']);
    const seen = await inInbox(shelter, referralId);
    expect(seen).toMatchObject({
      referralId,
      service: 'housing',
      priority: 'urgent',
      status: 'asked',
    });
    expect(seen['facts']).toEqual({ ageYears: 29, sex: 'female' });
    expect(JSON.stringify(seen)).not.toContain(caseId);
    expect(JSON.stringify(seen)).not.toContain('ZACATECOLUCA');
    await inInbox(other, referralId);

    const accepted = await shelter.post(`/provider-inbox/referrals/${referralId}/acceptance`);
    expect(accepted).toMatchObject({ status: 200, body: { status: 'accepted' } });
    expect(await reported(referralId)).toEqual([
      expect.objectContaining({
        referralId,
        caseId,
        service: 'housing',
        providerId: SHELTER,
        status: 'accepted',
      }),
    ]);
    // The path withdraws the others (first acceptance wins): their inbox closes.
    await publish(producer, referralRoutedV1, caseId, {
      referralId,
      caseId,
      service: 'housing',
      priority: 'urgent',
      providerId: OTHER,
      action: 'withdrawn',
      reasonCode: 'accepted-elsewhere',
      occurredAt: new Date().toISOString(),
    });
    await eventually(async () =>
      expect((await other.get(`/provider-inbox/referrals/${referralId}`)).body).toMatchObject({
        status: 'withdrawn',
        reasonCode: 'accepted-elsewhere',
      }),
    );
    expect((await other.post(`/provider-inbox/referrals/${referralId}/acceptance`)).status).toBe(
      409,
    );

    expect((await shelter.post(`/provider-inbox/referrals/${referralId}/start`)).status).toBe(200);
    expect(
      (
        await shelter.post(`/provider-inbox/referrals/${referralId}/completion`, {
          outcomeCode: 'housed',
        })
      ).status,
    ).toBe(200);
    expect((await reported(referralId)).map((e) => [e.status, e.reasonCode])).toEqual([
      ['accepted', undefined],
      ['in-progress', undefined],
      ['completed', 'housed'],
    ]);
    expect(
      (
        await shelter.post(`/provider-inbox/referrals/${referralId}/non-completion`, {
          reasonCode: 'no-show',
        })
      ).status,
    ).toBe(409);
  });

  it('never lets an organisation see or answer another organisation’s referral, on any inbox route', async () => {
    const { referralId } = await referral('health', [SHELTER]);
    await inInbox(shelter, referralId);
    const list = await stranger.get('/provider-inbox/referrals');
    expect(list.status).toBe(200);
    expect((list.body as unknown as Json[]).map((r) => r['referralId'])).not.toContain(referralId);
    const base = `/provider-inbox/referrals/${referralId}`;
    const attempts: [string, unknown][] = [
      ['GET', undefined],
      ['acceptance', {}],
      ['decline', { reasonCode: 'not-eligible' }],
      ['no-capacity', {}],
      ['start', {}],
      ['completion', { outcomeCode: 'treated' }],
      ['non-completion', { reasonCode: 'no-show' }],
    ];
    for (const [route, body] of attempts) {
      const response =
        route === 'GET' ? await stranger.get(base) : await stranger.post(`${base}/${route}`, body);
      expect([route, response.status, response.body['code']]).toEqual([
        route,
        404,
        'referral.not-found',
      ]);
    }
    expect(await reported(referralId)).toEqual([]);
    // Other roles have no inbox at all; staff of an unregistered organisation neither.
    for (const user of [
      { roles: ['intake-officer' as const], municipalityCode: LPE },
      { roles: ['partner' as const], organisationId: SHELTER },
      { roles: ['admin' as const] },
    ]) {
      expect((await as(directory.url, user).get('/provider-inbox/referrals')).status).toBe(403);
    }
    expect((await staffOf('no-registrada').get('/provider-inbox/referrals')).status).toBe(403);
  });

  it('waitlists, declines with a reason, receives re-routed referrals and honours revocations', async () => {
    const admin = as(directory.url, { roles: ['admin'] });
    const location = await admin.post('/locations', {
      organizationId: SHELTER,
      name: 'Sede',
      municipalityCode: LPE,
    });
    const service = await admin.post('/services', {
      locationId: location.body['id'],
      name: 'Asesoría',
      serviceType: 'legal-documents',
      capacityAvailable: 4,
    });
    const route = () =>
      as(directory.url, { roles: ['intake-officer'], municipalityCode: LPE }).post(
        '/routing/next-provider',
        {
          service: 'legal-documents',
          municipalityCode: LPE,
        },
      );
    expect((await route()).body).toMatchObject({ providerId: SHELTER });
    const legal = await referral('legal-documents', [SHELTER]);
    const seen = await inInbox(shelter, legal.referralId);
    expect(seen['facts']).toEqual({});
    expect(
      (await shelter.post(`/provider-inbox/referrals/${legal.referralId}/decline`, {})).status,
    ).toBe(400);
    expect(
      (await shelter.post(`/provider-inbox/referrals/${legal.referralId}/no-capacity`)).status,
    ).toBe(200);
    // Its answer is capacity too: routing skips it now.
    expect((await officerGet(`/services/${String(service.body['id'])}`)).body).toMatchObject({
      capacityAvailable: 0,
    });
    expect((await route()).body).toMatchObject({
      providerId: null,
      reason: { skipped: { noCapacity: 1 } },
    });
    expect(
      (
        await shelter.post(`/provider-inbox/referrals/${legal.referralId}/decline`, {
          reasonCode: 'waitlist-too-long',
        })
      ).status,
    ).toBe(200);
    expect((await reported(legal.referralId)).map((e) => [e.status, e.reasonCode])).toEqual([
      ['no-capacity', undefined],
      ['declined', 'waitlist-too-long'],
    ]);

    // Re-routed by the orchestrator to another registered organisation: the shared facts follow.
    const housing = await referral('housing', [SHELTER]);
    await inInbox(shelter, housing.referralId);
    await publish(producer, referralRoutedV1, housing.caseId, {
      referralId: housing.referralId,
      caseId: housing.caseId,
      service: 'housing',
      priority: 'urgent',
      providerId: OTHER,
      action: 'rerouted',
      acknowledgeBy: new Date(Date.now() + 3600_000).toISOString(),
      occurredAt: new Date().toISOString(),
    });
    expect((await inInbox(other, housing.referralId))['facts']).toEqual({
      ageYears: 29,
      sex: 'female',
    });
    await publish(producer, referralRevokedV1, housing.caseId, {
      referralId: housing.referralId,
      caseId: housing.caseId,
      reasonCode: 'person-moved',
      revokedAt: new Date().toISOString(),
    });
    await eventually(async () =>
      expect(
        (await other.get(`/provider-inbox/referrals/${housing.referralId}`)).body,
      ).toMatchObject({ status: 'revoked' }),
    );

    // Employment referrals are answered by the employment service, not here.
    const employment = await referral('employment', [SHELTER]);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect((await shelter.get(`/provider-inbox/referrals/${employment.referralId}`)).status).toBe(
      404,
    );
  });

  it('closes the case’s housing referrals and erases their facts when the housing consent is withdrawn', async () => {
    const { referralId, caseId } = await referral('housing', [SHELTER, OTHER]);
    await inInbox(other, referralId);
    expect((await shelter.post(`/provider-inbox/referrals/${referralId}/acceptance`)).status).toBe(
      200,
    );
    // A health referral of the same case rests on another consent: it stays as it is.
    const health = await referral('health', [OTHER], { caseId });
    await inInbox(other, health.referralId);
    await publish(producer, consentWithdrawnV1, caseId, {
      consentId: randomUUID(),
      caseId,
      purpose: 'service-referral',
      scope: 'housing',
      formVersion: 'recepcion-2026-12-v1',
      withdrawnAt: new Date().toISOString(),
    });
    for (const organisation of [shelter, other]) {
      await eventually(async () =>
        expect((await organisation.get(`/provider-inbox/referrals/${referralId}`)).body).toEqual(
          expect.objectContaining({
            status: 'withdrawn',
            reasonCode: 'consent-withdrawn',
            facts: {},
          }),
        ),
      );
    }
    expect((await other.get(`/provider-inbox/referrals/${health.referralId}`)).body).toMatchObject({
      status: 'asked',
      facts: { ageYears: 29, sex: 'female' },
    });
    expect((await shelter.post(`/provider-inbox/referrals/${referralId}/start`)).status).toBe(409);
  });
});
