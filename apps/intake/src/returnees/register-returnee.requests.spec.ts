import {
  ageOn,
  openEpisodeRequestSchema,
  registerReturneeRequestSchema,
} from './register-returnee.requests';

const valid = {
  dui: '04567890-3',
  firstNames: 'Ana María',
  lastNames: 'Pérez López',
  dateOfBirth: '2009-11-21',
  gender: 'female',
  contact: { phone: '+503 7000-0000', email: 'ana@example.org' },
  returnDate: '2026-11-20',
  countryReturnedFrom: 'MX',
  receptionPoint: 'frontera-la-hachadura',
  municipalityCode: 'SV-PA-LA-PAZ-ESTE',
  districtCode: 'SV-PA-LA-PAZ-ESTE/ZACATECOLUCA',
};

function fieldsRejected(input: unknown): string[] {
  const result = registerReturneeRequestSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((issue) => issue.path.join('.'));
}

describe('register returnee request', () => {
  it('accepts a complete registration and one with only the required fields', () => {
    expect(registerReturneeRequestSchema.safeParse(valid).success).toBe(true);
    const { dui: _dui, contact: _contact, districtCode: _district, ...minimal } = valid;
    expect(registerReturneeRequestSchema.safeParse(minimal).success).toBe(true);
  });

  it.each([
    ['a DUI with a wrong check digit', { dui: '04567890-4' }, 'dui'],
    ['a date of birth in the future', { dateOfBirth: '2999-01-01' }, 'dateOfBirth'],
    [
      'a return before birth',
      { dateOfBirth: '2010-01-01', returnDate: '2009-12-31' },
      'returnDate',
    ],
    [
      'an unknown municipality',
      { municipalityCode: 'Zacatecoluca', districtCode: undefined },
      'municipalityCode',
    ],
    [
      'a district of another municipality',
      { districtCode: 'SV-SS-SAN-SALVADOR-CENTRO/SAN-SALVADOR' },
      'districtCode',
    ],
    [
      'a country name instead of its code',
      { countryReturnedFrom: 'Mexico' },
      'countryReturnedFrom',
    ],
    ['an unknown reception point', { receptionPoint: 'muelle' }, 'receptionPoint'],
    ['an invalid e-mail', { contact: { email: 'not-an-email' } }, 'contact.email'],
    ['blank names', { firstNames: '   ' }, 'firstNames'],
    ['an unexpected field', { religion: 'x' }, ''],
  ])('rejects %s', (_label, change, field) => {
    expect(fieldsRejected({ ...valid, ...change })).toContain(field);
  });

  it('derives age on the return date, counting birthdays exactly', () => {
    expect(ageOn('2008-11-21', '2026-11-20')).toBe(17);
    expect(ageOn('2008-11-20', '2026-11-20')).toBe(18);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
  });
});

describe('open episode request', () => {
  const episode = {
    returnDate: '2026-11-20',
    countryReturnedFrom: 'MX',
    receptionPoint: 'frontera-la-hachadura',
    municipalityCode: 'SV-PA-LA-PAZ-ESTE',
    districtCode: 'SV-PA-LA-PAZ-ESTE/ZACATECOLUCA',
  };

  it('accepts the facts of a return', () => {
    expect(openEpisodeRequestSchema.safeParse(episode).success).toBe(true);
  });

  it.each([
    [
      'a district of another municipality',
      { districtCode: 'SV-SS-SAN-SALVADOR-CENTRO/SAN-SALVADOR' },
      'districtCode',
    ],
    ['a return in the future', { returnDate: '2999-01-01' }, 'returnDate'],
    ['personal fields (they belong to the person record)', { firstNames: 'Ana' }, ''],
  ])('rejects %s', (_label, change, field) => {
    const result = openEpisodeRequestSchema.safeParse({ ...episode, ...change });
    expect(result.success ? [] : result.error.issues.map((i) => i.path.join('.'))).toContain(field);
  });
});
