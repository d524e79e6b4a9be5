import type { Actor } from '@reintegra/platform-auth';
import { candidateScopeSql, canSeeCandidate, canWorkWithCandidate, employerOf } from './scope';

const candidate = { referredTo: ['oficina-la-paz-este'], municipalityCode: 'SV-PA-LA-PAZ-ESTE' };
const actor = (roles: Actor['roles'], extra: Partial<Actor> = {}): Actor => ({
  subject: 's',
  roles,
  ...extra,
});

describe('need-to-know of the employment service', () => {
  it.each([
    [
      'the office the person was referred to',
      actor(['employment-caseworker'], { organisationId: 'oficina-la-paz-este' }),
      true,
      true,
    ],
    [
      'a caseworker of the municipality',
      actor(['employment-caseworker'], { municipalityCode: 'SV-PA-LA-PAZ-ESTE' }),
      true,
      true,
    ],
    [
      'another office elsewhere',
      actor(['employment-caseworker'], {
        organisationId: 'otra',
        municipalityCode: 'SV-SS-SAN-SALVADOR-CENTRO',
      }),
      false,
      false,
    ],
    [
      'the municipal supervisor (reads only)',
      actor(['supervisor'], { municipalityCode: 'SV-PA-LA-PAZ-ESTE' }),
      true,
      false,
    ],
    ['the national supervisor (reads only)', actor(['national-supervisor']), true, false],
    ['an admin', actor(['admin']), true, true],
    ['an employer', actor(['partner'], { organisationId: 'oficina-la-paz-este' }), false, false],
    [
      'an intake officer of the municipality',
      actor(['intake-officer'], { municipalityCode: 'SV-PA-LA-PAZ-ESTE' }),
      false,
      false,
    ],
  ])('%s: sees %s, works %s', (_label, who, sees, works) => {
    expect(canSeeCandidate(who, candidate)).toBe(sees);
    expect(canWorkWithCandidate(who, candidate)).toBe(works);
  });

  it('writes the same rule as SQL, with parameters', () => {
    const params: unknown[] = [];
    const sql = candidateScopeSql(
      actor(['employment-caseworker'], {
        organisationId: 'o',
        municipalityCode: 'SV-PA-LA-PAZ-ESTE',
      }),
      params,
    );
    expect(sql).toBe('(c.referred_to @> $1::text[] OR c.municipality_code = $2)');
    expect(params).toEqual([['o'], 'SV-PA-LA-PAZ-ESTE']);
    expect(candidateScopeSql(actor(['partner'], { organisationId: 'e' }), [])).toBe('false');
    expect(candidateScopeSql(actor(['national-supervisor']), [])).toBe('true');
  });

  it('knows an employer only by a partner account with an organisation', () => {
    expect(employerOf(actor(['partner'], { organisationId: 'e' }))).toBe('e');
    expect(employerOf(actor(['partner']))).toBeUndefined();
    expect(employerOf(actor(['employment-caseworker'], { organisationId: 'o' }))).toBeUndefined();
  });
});
