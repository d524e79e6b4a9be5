import {
  candidateScorer,
  encodeCandidate,
  encodeVacancy,
  MatchCodes,
  topByScore,
  vacancyScorer,
} from './match-codes';
import {
  explainMatch,
  type MatchCandidate,
  matchScore,
  type MatchVacancy,
  rankCandidates,
  rankVacancies,
} from './matching';

/** Deterministic pseudo-random numbers (mulberry32). */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const next = random(42);
const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)] as T;
const some = <T>(items: readonly T[], max: number) =>
  Array.from({ length: Math.floor(next() * (max + 1)) }, () => pick(items));

// Codes close to each other, so that every level of every part occurs.
const ISCO = [
  '7123',
  '7112',
  '7115',
  '7126',
  '7212',
  '7411',
  '7231',
  '5120',
  '5131',
  '9313',
  '8332',
];
const SKILLS = [
  'tablaroca',
  'albanileria',
  'concreto',
  'soldadura',
  'cocina',
  'conduccion',
  'pintura',
];
const CERTIFICATES = ['osha-10', 'certificado-soldadura', 'licencia-conducir-pesada'];
const MUNICIPALITIES = [
  'SV-PA-LA-PAZ-ESTE',
  'SV-PA-LA-PAZ-CENTRO',
  'SV-SS-SAN-SALVADOR-CENTRO',
  'SV-SS-SAN-SALVADOR-SUR',
  'SV-SM-SAN-MIGUEL-CENTRO',
  'SV-XX-NOT-A-MUNICIPALITY',
];
const DISTRICTS = [
  'SV-PA-LA-PAZ-ESTE/ZACATECOLUCA',
  'SV-PA-LA-PAZ-CENTRO/EL-ROSARIO',
  'SV-SS-SAN-SALVADOR-CENTRO/MEJICANOS',
  '',
];

const candidate = (i: number): MatchCandidate => ({
  id: `c-${String(i).padStart(4, '0')}`,
  occupations: some(ISCO, 3).map((iscoCode) => ({ iscoCode, years: pick([0, 1, 2.5, 4, 10]) })),
  skills: some(SKILLS, 5),
  certifications: some(CERTIFICATES, 2),
  municipalityCode: next() < 0.1 ? null : pick(MUNICIPALITIES),
  districtCode: next() < 0.3 ? null : pick(DISTRICTS),
  preferredMunicipalityCodes: some(MUNICIPALITIES, 2),
  availability: Math.floor(next() * 2 ** 21),
  minor: next() < 0.1,
});
const vacancy = (i: number): MatchVacancy => ({
  id: `v-${String(i).padStart(4, '0')}`,
  iscoCode: pick(ISCO),
  requiredSkills: some(SKILLS, 3),
  desirableSkills: some(SKILLS, 2),
  requiredCertifications: some(CERTIFICATES, 2),
  minExperienceYears: pick([0, 0, 2, 5]),
  municipalityCode: pick(MUNICIPALITIES),
  districtCode: next() < 0.5 ? null : pick(DISTRICTS),
  schedule: Math.floor(next() * 2 ** 21),
  adultsOnly: next() < 0.2,
});

const candidates = Array.from({ length: 300 }, (_, i) => candidate(i));
const vacancies = Array.from({ length: 120 }, (_, i) => vacancy(i));

describe('match codes: the fast path of ranking', () => {
  const codes = new MatchCodes();
  const encodedCandidates = candidates.map((c) => ({ c, codes: encodeCandidate(codes, c) }));
  const encodedVacancies = vacancies.map((v) => ({ v, codes: encodeVacancy(codes, v) }));

  it('gives every candidate for every vacancy the score of matchScore, ruled-out pairs included', () => {
    const fast: number[] = [];
    const slow: number[] = [];
    for (const { v, codes: vc } of encodedVacancies) {
      const score = candidateScorer(codes, v.iscoCode, vc);
      for (const { c, codes: cc } of encodedCandidates) {
        fast.push(score(cc));
        slow.push(matchScore(c, v) ?? Number.NaN);
      }
    }
    expect(fast).toEqual(slow);
    expect(slow.filter(Number.isNaN).length).toBeGreaterThan(0);
    expect(new Set(slow).size).toBeGreaterThan(100);
  });

  it('gives every vacancy for every candidate the score of matchScore', () => {
    const fast: number[] = [];
    const slow: number[] = [];
    for (const { c, codes: cc } of encodedCandidates) {
      const score = vacancyScorer(codes, c, cc);
      for (const { v, codes: vc } of encodedVacancies) {
        fast.push(score(vc));
        slow.push(matchScore(c, v) ?? Number.NaN);
      }
    }
    expect(fast).toEqual(slow);
  });

  it('ranks as rankVacancies and rankCandidates do, ties and limits included', () => {
    for (const limit of [1, 5, 50]) {
      for (const { c, codes: cc } of encodedCandidates.slice(0, 20)) {
        const score = vacancyScorer(codes, c, cc);
        const fast = topByScore(
          encodedVacancies,
          limit,
          (e) => score(e.codes),
          (e) => e.v.id,
        );
        expect(fast.map((e) => ({ id: e.v.id, explanation: explainMatch(c, e.v) }))).toEqual(
          rankVacancies(c, vacancies, limit).map((r) => ({
            id: r.item.id,
            explanation: r.explanation,
          })),
        );
      }
      for (const { v, codes: vc } of encodedVacancies.slice(0, 20)) {
        const score = candidateScorer(codes, v.iscoCode, vc);
        const fast = topByScore(
          encodedCandidates,
          limit,
          (e) => score(e.codes),
          (e) => e.c.id,
        );
        expect(fast.map((e) => e.c.id)).toEqual(
          rankCandidates(v, candidates, limit).map((r) => r.item.id),
        );
      }
    }
  });
});
