import { randomUUID } from 'node:crypto';
import { learnerProfileSchema } from '../learners/learners.requests';
import { recordSessionSchema } from '../attendance/attendance.requests';
import { createCohortSchema, createProgrammeSchema } from './catalogue.requests';

const fields = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  (result.error?.issues ?? []).map((issue) => issue.path.join('.'));

const cohort = {
  programmeId: randomUUID(),
  name: 'Bachillerato acelerado — sábados',
  seats: 20,
  schedule: 'sábados 8:00-12:00',
  municipalityCode: 'SV-PA-LA-PAZ-ESTE',
  startsOn: '2027-01-15',
  endsOn: '2027-11-30',
};

describe('request validation', () => {
  it('accepts a valid cohort and programme', () => {
    expect(createCohortSchema.safeParse(cohort).success).toBe(true);
    expect(
      createProgrammeSchema.safeParse({
        providerId: 'ce-zacatecoluca',
        name: 'Reinserción escolar',
        level: 'basic',
        modality: 'accelerated',
        schoolReEntry: true,
        eligibility: { minAge: 12, maxAge: 17, documentsRequired: ['birth-certificate'] },
      }).success,
    ).toBe(true);
  });

  it.each([
    ['dates out of order', { endsOn: '2027-01-14' }, 'endsOn'],
    ['no seats', { seats: 0 }, 'seats'],
    ['an unknown municipality', { municipalityCode: 'Zacatecoluca' }, 'municipalityCode'],
    ['a non-date', { startsOn: '15/01/2027' }, 'startsOn'],
    ['an unexpected field', { teacher: 'x' }, ''],
  ])('rejects a cohort with %s', (_label, change, field) => {
    expect(fields(createCohortSchema.safeParse({ ...cohort, ...change }))).toContain(field);
  });

  it('rejects a programme whose maximum age is below its minimum, or an unknown level', () => {
    const programme = {
      providerId: 'p',
      name: 'n',
      level: 'basic',
      modality: 'night',
      eligibility: { minAge: 18, maxAge: 15 },
    };
    expect(fields(createProgrammeSchema.safeParse(programme))).toContain('eligibility.maxAge');
    expect(
      fields(createProgrammeSchema.safeParse({ ...programme, level: 'university' })),
    ).toContain('level');
  });

  it('rejects a learner born in the future or with an unknown document kind', () => {
    const learner = { dateOfBirth: '2999-01-01', lastGradeCompleted: 3, documents: ['passport'] };
    expect(fields(learnerProfileSchema.safeParse(learner))).toEqual(
      expect.arrayContaining(['dateOfBirth', 'documents.0']),
    );
  });

  it('rejects attendance for a future session or listing one enrolment twice', () => {
    const id = randomUUID();
    expect(
      fields(
        recordSessionSchema.safeParse({
          heldOn: '2999-01-01',
          attendance: [
            { enrolmentId: id, present: true },
            { enrolmentId: id, present: false },
          ],
        }),
      ),
    ).toEqual(expect.arrayContaining(['heldOn', 'attendance']));
  });
});
