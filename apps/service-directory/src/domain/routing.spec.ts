import { decideNextProvider, ineligibility, type RoutingCandidate } from './routing';

const base: Omit<RoutingCandidate, 'serviceId' | 'organizationId'> = {
  locationId: '00000000-0000-4000-8000-000000000001',
  departmentCode: 'SV-PA',
  municipalityCode: 'SV-PA-LA-PAZ-ESTE',
  districtCode: 'SV-PA-LA-PAZ-ESTE/ZACATECOLUCA',
  minimumAge: null,
  maximumAge: null,
  womenOnly: false,
  capacityAvailable: null,
};
let n = 0;
const candidate = (
  organizationId: string,
  extra: Partial<RoutingCandidate> = {},
): RoutingCandidate => ({
  ...base,
  serviceId: `00000000-0000-4000-8000-${String((n += 1)).padStart(12, '0')}`,
  organizationId,
  ...extra,
});
const question = {
  municipalityCode: 'SV-PA-LA-PAZ-ESTE',
  departmentCode: 'SV-PA',
  eligibility: {
    ageYears: 30,
    sex: 'male' as const,
    districtCode: 'SV-PA-LA-PAZ-ESTE/ZACATECOLUCA',
  },
  exclude: [] as string[],
};

describe('routing decision', () => {
  it('prefers the nearest: district, then municipality, then department, then elsewhere', () => {
    const decision = decideNextProvider(
      [
        candidate('elsewhere', {
          departmentCode: 'SV-SS',
          municipalityCode: 'SV-SS-SAN-SALVADOR-CENTRO',
          districtCode: null,
          capacityAvailable: 50,
        }),
        candidate('department', {
          municipalityCode: 'SV-PA-LA-PAZ-CENTRO',
          districtCode: null,
          capacityAvailable: 20,
        }),
        candidate('municipality', {
          districtCode: 'SV-PA-LA-PAZ-ESTE/SAN-JUAN-NONUALCO',
          capacityAvailable: 5,
        }),
      ],
      question,
    );
    expect(decision.choice?.organizationId).toBe('municipality');
    expect(decision.reason).toMatchObject({
      code: 'directory.nearest-eligible',
      proximity: 'same-municipality',
      capacity: 'available',
      capacityAvailable: 5,
    });
    expect(decision.text.es).toContain('mismo municipio');
    expect(decision.text.en).toContain('same municipality');
  });

  it('skips providers with no capacity and those already asked, and counts them', () => {
    const decision = decideNextProvider(
      [
        candidate('full', { capacityAvailable: 0 }),
        candidate('asked', { capacityAvailable: 9 }),
        candidate('next', { districtCode: null, capacityAvailable: 1 }),
      ],
      { ...question, exclude: ['asked'] },
    );
    expect(decision.choice?.organizationId).toBe('next');
    expect(decision.reason.skipped).toEqual({ alreadyAsked: 1, noCapacity: 1, notEligible: 0 });
  });

  it('puts known free places before unknown capacity at the same distance, more places first', () => {
    const decision = decideNextProvider(
      [
        candidate('unknown'),
        candidate('two', { capacityAvailable: 2 }),
        candidate('seven', { capacityAvailable: 7 }),
      ],
      question,
    );
    expect(decision.choice?.organizationId).toBe('seven');
    const unknownOnly = decideNextProvider([candidate('unknown')], question);
    expect(unknownOnly.reason).toMatchObject({ capacity: 'unknown' });
    expect(unknownOnly.reason.capacityAvailable).toBeUndefined();
  });

  it('never proposes a women-only service for a man, nor when sex is unknown', () => {
    const women = candidate('refugio', { womenOnly: true, capacityAvailable: 3 });
    expect(decideNextProvider([women], question).choice).toBeNull();
    expect(
      decideNextProvider([women], { ...question, eligibility: { ageYears: 30 } }).choice,
    ).toBeNull();
    expect(
      decideNextProvider([women], { ...question, eligibility: { ageYears: 30, sex: 'female' } })
        .choice?.organizationId,
    ).toBe('refugio');
  });

  it('applies age ranges only with a known age', () => {
    const adults = { minimumAge: 18, maximumAge: null, womenOnly: false };
    expect(ineligibility(adults, { ageYears: 17 })).toBe('age-out-of-range');
    expect(ineligibility(adults, {})).toBe('age-unknown');
    expect(ineligibility(adults, { ageYears: 18 })).toBeNull();
    expect(
      ineligibility({ minimumAge: 12, maximumAge: 17, womenOnly: false }, { ageYears: 18 }),
    ).toBe('age-out-of-range');
  });

  it('answers none with the reason when nobody is left', () => {
    const decision = decideNextProvider([candidate('full', { capacityAvailable: 0 })], question);
    expect(decision.choice).toBeNull();
    expect(decision.reason).toEqual({
      decidedBy: 'service-directory',
      code: 'directory.none-eligible',
      skipped: { alreadyAsked: 0, noCapacity: 1, notEligible: 0 },
    });
    expect(decision.text.en).toMatch(/^No eligible provider/);
  });

  it('is stable: the same rows in another order give the same choice', () => {
    const rows = [
      candidate('b', { capacityAvailable: 3 }),
      candidate('a', { capacityAvailable: 3 }),
    ];
    expect(decideNextProvider(rows, question).choice?.organizationId).toBe('a');
    expect(decideNextProvider([...rows].reverse(), question).choice?.organizationId).toBe('a');
  });
});
