import {
  explainMatch,
  type MatchCandidate,
  type MatchVacancy,
  rankCandidates,
  rankVacancies,
  summarise,
} from './matching';
import { toMask } from './schedule';

const weekdays = toMask({
  days: ['mon', 'tue', 'wed', 'thu', 'fri'],
  shifts: ['morning', 'afternoon'],
});
const saturdayMorning = toMask({ days: ['sat'], shifts: ['morning'] });

/** A returnee who worked in construction in the US: drywall and masonry, lives in Zacatecoluca. */
const returnee: MatchCandidate = {
  id: 'c-returnee',
  occupations: [
    { iscoCode: '7123', years: 6 },
    { iscoCode: '7112', years: 2 },
  ],
  skills: ['tablaroca', 'albanileria', 'uso-de-herramienta-electrica'],
  certifications: ['osha-10'],
  municipalityCode: 'SV-PA-LA-PAZ-ESTE',
  districtCode: 'SV-PA-LA-PAZ-ESTE/ZACATECOLUCA',
  preferredMunicipalityCodes: [],
  availability: weekdays,
  minor: false,
};

const vacancy = (overrides: Partial<MatchVacancy> & { id: string }): MatchVacancy => ({
  iscoCode: '7123',
  requiredSkills: ['tablaroca'],
  desirableSkills: [],
  requiredCertifications: [],
  minExperienceYears: 0,
  municipalityCode: 'SV-PA-LA-PAZ-ESTE',
  districtCode: 'SV-PA-LA-PAZ-ESTE/ZACATECOLUCA',
  schedule: weekdays,
  adultsOnly: false,
  ...overrides,
});

describe('explainable match', () => {
  it('scores a perfect local drywall job 100 and says why', () => {
    const explanation = explainMatch(returnee, vacancy({ id: 'v1' }));
    expect(explanation).toMatchObject({
      score: 100,
      occupation: { level: 'same-occupation', candidateIscoCode: '7123', years: 6 },
      skills: { matchedRequired: ['tablaroca'], missingRequired: [] },
      location: { level: 'same-district' },
      schedule: { fit: 1, uncoveredSlots: [] },
      missingRequirements: [],
    });
  });

  it('names each missing requirement: skill, certification, experience, and uncovered hours', () => {
    const explanation = explainMatch(
      returnee,
      vacancy({
        id: 'v2',
        iscoCode: '7112',
        requiredSkills: ['albanileria', 'lectura-de-planos'],
        requiredCertifications: ['osha-30'],
        minExperienceYears: 5,
        schedule: weekdays | saturdayMorning,
      }),
    );
    expect(explanation?.missingRequirements).toEqual([
      { kind: 'experience', requiredYears: 5, years: 2 },
      { kind: 'skill', code: 'lectura-de-planos' },
      { kind: 'certification', code: 'osha-30' },
    ]);
    expect(explanation?.schedule.uncoveredSlots).toEqual(['sat-morning']);
    expect(explanation?.score).toBeLessThan(75);
    if (!explanation) throw new Error('expected a match');
    const summary = summarise(explanation);
    expect(summary.es).toContain('falta: Lectura de planos, OSHA 30 horas (construcción)');
    expect(summary.es).toContain('misma ocupación (7112 Albañiles)');
    expect(summary.en).toContain('1 of 2 required skills');
  });

  it('keeps a minor out of adults-only (hazardous) work and nothing else', () => {
    const minor = { ...returnee, minor: true };
    expect(explainMatch(minor, vacancy({ id: 'v3', adultsOnly: true }))).toBeUndefined();
    expect(explainMatch(minor, vacancy({ id: 'v4' }))).toEqual(
      explainMatch(returnee, vacancy({ id: 'v4' })),
    );
  });

  it('cannot see protected attributes: adding them to a candidate changes nothing', () => {
    const withProtected = {
      ...returnee,
      gender: 'female',
      dateOfBirth: '1990-01-01',
      nationality: 'SV',
      countryReturnedFrom: 'US',
      episodeNumber: 3,
    } as MatchCandidate;
    const jobs = [
      vacancy({ id: 'a' }),
      vacancy({ id: 'b', iscoCode: '9313' }),
      vacancy({ id: 'c', municipalityCode: 'SV-SS-SAN-SALVADOR-CENTRO', districtCode: null }),
    ];
    expect(rankVacancies(withProtected, jobs, 10).map((r) => r.explanation)).toEqual(
      rankVacancies(returnee, jobs, 10).map((r) => r.explanation),
    );
  });
});

describe('ranking', () => {
  it('ranks local vacancies of the trade first, related trades next, far and unrelated last', () => {
    const jobs = [
      vacancy({
        id: 'far-same-trade',
        municipalityCode: 'SV-SM-SAN-MIGUEL-CENTRO',
        districtCode: null,
      }),
      vacancy({ id: 'local-cook', iscoCode: '5120', requiredSkills: ['cocina'] }),
      vacancy({ id: 'local-drywall' }),
      vacancy({ id: 'local-labourer', iscoCode: '9313', requiredSkills: [] }),
      vacancy({
        id: 'municipality-mason',
        iscoCode: '7112',
        requiredSkills: ['albanileria'],
        districtCode: null,
      }),
    ];
    expect(rankVacancies(returnee, jobs, 10).map((r) => r.item.id)).toEqual([
      'local-drywall',
      'municipality-mason',
      'far-same-trade',
      'local-labourer',
      'local-cook',
    ]);
    expect(rankVacancies(returnee, jobs, 2)).toHaveLength(2);
  });

  it('ranks candidates for a vacancy and breaks ties by id only', () => {
    const job = vacancy({ id: 'job' });
    const twin = (id: string) => ({ ...returnee, id });
    const stranger: MatchCandidate = {
      ...returnee,
      id: 'a-cook',
      occupations: [{ iscoCode: '5120', years: 10 }],
      skills: ['cocina'],
    };
    expect(rankCandidates(job, [twin('z'), stranger, twin('m')], 10).map((r) => r.item.id)).toEqual(
      ['m', 'z', 'a-cook'],
    );
  });
});
