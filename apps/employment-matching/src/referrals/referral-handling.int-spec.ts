import { randomUUID } from 'node:crypto';
import {
  consentGrantedV1,
  consentWithdrawnV1,
  placementStatusChangedV1,
  referralRequestedV1,
  referralRevokedV1,
  referralRoutedV1,
  referralStatusChangedV1,
} from '@reintegra/event-contracts';
import { eventually, testToken } from '@reintegra/testing';
import { readyCandidate, WEEKDAYS } from '../testing/candidate-setup';
import { EmploymentTestBed, type Json, LA_PAZ_ESTE } from '../testing/employment-matching-test-bed';

/**
 * Referral handling (flow 5) as the reintegration workflow hears it: accept, decline with a
 * reason, no capacity then accept, a bundle of two offices, revocation by intake and withdrawal
 * by the orchestrator.
 */
const bed = new EmploymentTestBed();
const run = randomUUID().slice(0, 8);
const officeA = `oficina-a-${run}`;
const officeB = `oficina-b-${run}`;
const employer = `empresa-${run}`;
const t: Record<string, string> = {};

const as = (who: string, method: string, path: string, body?: unknown) =>
  bed.call(method, path, t[who], body);

const reports = (referralId: string) =>
  bed
    .recorded<{
      referralId: string;
      providerId: string;
      status: string;
      reasonCode?: string;
    }>(referralStatusChangedV1.type, (data) => data.referralId === referralId)
    .map(
      (e) =>
        `${e.data.providerId}:${e.data.status}${e.data.reasonCode ? `:${e.data.reasonCode}` : ''}`,
    );

async function queued(who: string, referralId: string): Promise<Json | undefined> {
  const queue = (await as(who, 'GET', '/referrals')).body as unknown as Json[];
  return queue.find((r) => r['id'] === referralId);
}

beforeAll(async () => {
  await bed.start();
  for (const [who, office] of [
    ['officeA', officeA],
    ['officeB', officeB],
  ] as const) {
    t[who] = await testToken({
      roles: ['employment-caseworker'],
      municipalityCode: LA_PAZ_ESTE,
      organisationId: office,
    });
  }
  t['employer'] = await testToken({ roles: ['partner'], organisationId: employer });
  await as('employer', 'POST', '/employers', { name: 'Empresa', municipalityCode: LA_PAZ_ESTE });
}, 150_000);

afterAll(() => bed.stop());

describe('answering a referral sent to two offices (a bundle)', () => {
  it('reports each office: B declines with a reason, A has no capacity, then accepts', async () => {
    const { referralId } = await bed.referReturnee({ providerIds: [officeA, officeB] });
    await eventually(async () => expect(await queued('officeB', referralId)).toBeDefined());

    const declined = await as('officeB', 'POST', `/referrals/${referralId}/decline`, {
      reasonCode: 'out-of-area',
    });
    expect(declined.body).toMatchObject({ status: 'received', providerIds: [officeA] });
    expect((await as('officeB', 'POST', `/referrals/${referralId}/acceptance`)).body).toMatchObject(
      {
        code: 'referral.not-addressed',
      },
    );
    expect(
      (await as('officeA', 'POST', `/referrals/${referralId}/no-capacity`)).body,
    ).toMatchObject({
      status: 'no-capacity',
    });
    expect((await as('officeA', 'POST', `/referrals/${referralId}/acceptance`)).body).toMatchObject(
      {
        status: 'accepted',
        providerId: officeA,
      },
    );
    expect((await as('officeA', 'POST', `/referrals/${referralId}/acceptance`)).body).toMatchObject(
      {
        status: 409,
        code: 'referral.already-answered',
      },
    );
    await eventually(() =>
      expect(reports(referralId)).toEqual([
        `${officeB}:declined:out-of-area`,
        `${officeA}:no-capacity`,
        `${officeA}:accepted`,
      ]),
    );
  });

  it('declines the referral when its only office declines', async () => {
    const { referralId } = await bed.referReturnee({ providerIds: [officeB] });
    await eventually(async () => expect(await queued('officeB', referralId)).toBeDefined());
    const declined = await as('officeB', 'POST', `/referrals/${referralId}/decline`, {
      reasonCode: 'no-suitable-vacancies',
    });
    expect(declined.body).toMatchObject({
      status: 'declined',
      reasonCode: 'no-suitable-vacancies',
    });
    const bad = await as('officeB', 'POST', `/referrals/${referralId}/decline`, {
      reasonCode: 'Sin Razón',
    });
    expect(bad.status).toBe(400);
    await eventually(() =>
      expect(reports(referralId)).toEqual([`${officeB}:declined:no-suitable-vacancies`]),
    );
  });
});

describe('a referral whose consent was withdrawn before it arrived', () => {
  it('is declined for consent-withdrawn and the person is not open to matching', async () => {
    const caseId = randomUUID();
    const referralId = randomUUID();
    const consentId = randomUUID();
    const now = new Date().toISOString();
    const consent = {
      consentId,
      caseId,
      purpose: 'service-referral' as const,
      scope: 'employment',
      formVersion: 'v1',
    };
    await bed.send(consentGrantedV1, caseId, { ...consent, grantedAt: now });
    await bed.send(consentWithdrawnV1, caseId, { ...consent, withdrawnAt: now });
    await eventually(async () => {
      const [row] = (await bed.db.query(
        `SELECT withdrawn_at IS NOT NULL AS withdrawn FROM consents WHERE consent_id = $1`,
        [consentId],
      )) as Json[];
      expect(row).toEqual({ withdrawn: true });
    });
    await bed.send(referralRequestedV1, caseId, {
      referralId,
      caseId,
      service: 'employment',
      priority: 'normal',
      providerIds: [officeA],
      acknowledgeBy: new Date(Date.now() + 86_400_000).toISOString(),
      requestedAt: now,
      consentId,
    });
    await eventually(() =>
      expect(reports(referralId)).toEqual([`${officeA}:declined:consent-withdrawn`]),
    );
    expect((await as('officeA', 'GET', `/candidates/${caseId}`)).body).toMatchObject({
      open: false,
      consentWithdrawn: true,
    });
  });
});

describe('when the referral is taken back', () => {
  async function proposed() {
    const person = await readyCandidate(bed, t['officeA'] as string, { providerIds: [officeA] });
    const vacancy = await as('employer', 'POST', '/vacancies', {
      title: 'Tablaroca',
      iscoCode: '7123',
      requiredSkills: ['tablaroca'],
      municipalityCode: LA_PAZ_ESTE,
      schedule: WEEKDAYS,
      posts: 1,
    });
    const placement = await as('officeA', 'POST', '/placements', {
      vacancyId: vacancy.body['id'],
      caseId: person.caseId,
    });
    expect(placement.status).toBe(201);
    return { ...person, placementId: placement.body['id'] as string };
  }

  it('withdraws the proposals on revocation by intake, without reporting back', async () => {
    const { caseId, referralId, placementId } = await proposed();
    await bed.send(referralRevokedV1, caseId, {
      referralId,
      caseId,
      reasonCode: 'person-declined',
      revokedAt: new Date().toISOString(),
    });
    await eventually(async () =>
      expect((await as('officeA', 'GET', `/placements/${placementId}`)).body).toMatchObject({
        status: 'withdrawn',
        reasonCode: 'referral-revoked',
      }),
    );
    expect((await as('officeA', 'GET', `/candidates/${caseId}`)).body).toMatchObject({
      open: false,
    });
    await eventually(() =>
      expect(
        bed.recorded<{ placementId: string; status: string }>(
          placementStatusChangedV1.type,
          (data) => data.placementId === placementId && data.status === 'withdrawn',
        ),
      ).toHaveLength(1),
    );
    expect(reports(referralId)).toEqual([`${officeA}:accepted`, `${officeA}:in-progress`]);
  });

  it('stops the work of an office the orchestrator withdraws the referral from', async () => {
    const { caseId, referralId, placementId } = await proposed();
    await bed.send(referralRoutedV1, caseId, {
      referralId,
      caseId,
      service: 'employment',
      priority: 'normal',
      providerId: officeA,
      action: 'withdrawn',
      reasonCode: 'rerouted',
      occurredAt: new Date().toISOString(),
    });
    await eventually(async () =>
      expect((await as('officeA', 'GET', `/placements/${placementId}`)).body).toMatchObject({
        status: 'withdrawn',
        reasonCode: 'referral-withdrawn',
      }),
    );
    expect(await queued('officeA', referralId)).toMatchObject({ status: 'withdrawn' });
  });
});
