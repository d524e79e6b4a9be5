import { randomUUID } from 'node:crypto';
import { PartnerTestBed } from '../testing/partner-test-bed';

/**
 * Aggregate statistics from the gateway's own projections: only people with an active statistics
 * consent, never victim support, cells under 5 people suppressed. The test uses a municipality of
 * its own and clears what earlier runs left there.
 */
const bed = new PartnerTestBed();
const MUNICIPALITY = 'SV-MO-MORAZAN-NORTE';
const month = new Date()
  .toLocaleDateString('en-CA', { timeZone: 'America/El_Salvador' })
  .slice(0, 7);

async function referredCase(service: string, status: string, statisticsConsent: boolean) {
  const caseId = randomUUID();
  const consentId = statisticsConsent ? await bed.consent(caseId, 'statistics') : undefined;
  await bed.registered(caseId, MUNICIPALITY);
  const referralId = await bed.referral(caseId, service);
  await bed.referralStatus(caseId, referralId, service, status);
  return { caseId, consentId };
}

const cellsOf = (body: Record<string, unknown>) =>
  (body['cells'] as Array<Record<string, unknown>>).filter(
    (cell) => cell['municipalityCode'] === MUNICIPALITY && cell['month'] === month,
  );

beforeAll(async () => {
  await bed.start();
  await bed.db.query(
    `DELETE FROM referral_facts WHERE case_id IN (SELECT case_id FROM cases WHERE municipality_code = $1)`,
    [MUNICIPALITY],
  );
}, 60_000);
afterAll(() => bed.stop());

describe('aggregate statistics', () => {
  it('counts consenting people only, suppresses small cells, and follows withdrawals', async () => {
    const employed = [];
    for (let i = 0; i < 6; i += 1)
      employed.push(await referredCase('employment', 'completed', true));
    for (let i = 0; i < 4; i += 1) await referredCase('employment', 'completed', false);
    for (let i = 0; i < 3; i += 1) await referredCase('education', 'declined', true);
    const survivor = employed[0]?.caseId ?? '';
    await bed.referral(survivor, 'victim-support');
    await bed.allConsumed();

    const { apiKey } = await bed.agency('academia-uca', 'academia');
    const stats = await bed.call('GET', `/agency/statistics?from=${month}&to=${month}`, { apiKey });
    expect(stats.status).toBe(200);
    expect(stats.body['minimumCell']).toBe(5);
    expect(cellsOf(stats.body)).toEqual([
      {
        month,
        municipalityCode: MUNICIPALITY,
        service: 'education',
        outcome: 'declined',
        referrals: null,
        people: null,
        suppressed: true,
      },
      {
        month,
        municipalityCode: MUNICIPALITY,
        service: 'employment',
        outcome: 'completed',
        referrals: 6,
        people: 6,
        suppressed: false,
      },
    ]);
    expect(JSON.stringify(stats.body)).not.toContain('victim-support');

    // Two people withdraw their statistics consent: the cell falls under the threshold.
    for (const person of employed.slice(0, 2)) {
      await bed.withdraw(person.caseId, person.consentId ?? '', 'statistics');
    }
    await bed.allConsumed();
    const after = await bed.admin('GET', `/admin/statistics?from=${month}&to=${month}`);
    expect(cellsOf(after.body).find((cell) => cell['service'] === 'employment')).toMatchObject({
      referrals: null,
      people: null,
      suppressed: true,
    });
  });

  it('refuses a reversed range', async () => {
    const response = await bed.admin('GET', '/admin/statistics?from=2026-12&to=2026-01');
    expect(response).toMatchObject({ status: 400, body: { code: 'request.invalid' } });
  });
});
