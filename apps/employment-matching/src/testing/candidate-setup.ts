import { eventually } from '@reintegra/testing';
import { type EmploymentTestBed, type Json } from './employment-matching-test-bed';

export const WEEKDAYS = {
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  shifts: ['morning', 'afternoon'],
};

/**
 * A referred person, accepted by `token`'s office and profiled (drywall, weekdays): ready to be
 * proposed. Returns the case and referral ids.
 */
export async function readyCandidate(
  bed: EmploymentTestBed,
  token: string,
  options: Parameters<EmploymentTestBed['referReturnee']>[0],
  profile: Json = {},
): Promise<{ caseId: string; referralId: string; consentIds: Record<string, string> }> {
  const referred = await bed.referReturnee(options);
  await eventually(
    async () =>
      expect(
        (await bed.call('POST', `/referrals/${referred.referralId}/acceptance`, token)).status,
      ).toBe(200),
    { timeoutMs: 60_000 },
  );
  const etag =
    (await bed.call('GET', `/candidates/${referred.caseId}`, token)).headers.get('etag') ?? '';
  const saved = await bed.call(
    'PUT',
    `/candidates/${referred.caseId}/profile`,
    token,
    {
      occupations: [{ iscoCode: '7123', yearsLocal: 3 }],
      skills: ['tablaroca'],
      availability: WEEKDAYS,
      ...profile,
    },
    { 'if-match': etag },
  );
  expect(saved.status).toBe(200);
  return referred;
}
