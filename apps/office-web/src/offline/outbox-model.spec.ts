import type { Problem } from '@reintegra/ui-web';
import {
  asConfirmedNewPerson,
  asNewReturn,
  conflictOf,
  discarded,
  type OutboxItem,
  outcomeOf,
  peopleWaiting,
  requestOf,
  retryDelay,
} from './outbox-model';

const RETURNEE = '6f1c2d3e-4a5b-4c6d-8e7f-90a1b2c3d4e5';
const registration: OutboxItem = {
  id: 'reg-1',
  kind: 'registration',
  createdAt: 10,
  state: 'waiting',
  name: 'Ana María López',
  listId: 'list-1',
  entryId: 'entry-1',
  body: {
    dui: '01234567-8',
    firstNames: 'Ana María',
    lastNames: 'López',
    dateOfBirth: '1990-01-02',
    gender: 'female',
    returnDate: '2026-12-04',
    countryReturnedFrom: 'US',
    receptionPoint: 'aeropuerto-internacional-san-oscar-romero',
    municipalityCode: 'SV-PA-LA-PAZ-ESTE',
    districtCode: 'SV-PA-LA-PAZ-ESTE/ZACATECOLUCA',
    arrivalEntryId: 'entry-1',
  },
};
const consent = (id: string, createdAt: number, extra: Partial<OutboxItem>): OutboxItem => ({
  id,
  kind: 'consent',
  createdAt,
  state: 'waiting',
  name: 'Ana María López',
  body: { purpose: 'statistics', formVersion: 'v1' },
  ...extra,
});
const problem = (status: number, code: string, extra: Partial<Problem> = {}): Problem => ({
  status,
  code,
  title: code,
  ...extra,
});

describe('what a queued item sends', () => {
  it('a registration to /returnees, a new return to its person, a consent to its case', () => {
    expect(requestOf(registration)).toEqual({ path: '/returnees', body: registration.body });
    expect(
      requestOf({ ...registration, kind: 'episode', returneeId: RETURNEE, body: { a: 1 } }),
    ).toEqual({ path: `/returnees/${RETURNEE}/episodes`, body: { a: 1 } });
    expect(requestOf(consent('c', 11, { caseId: 'case-9' }))?.path).toBe('/cases/case-9/consents');
  });

  it('nothing for a consent whose case is not known yet (its registration has not gone)', () => {
    expect(requestOf(consent('c', 11, { dependsOn: 'reg-1' }))).toBeUndefined();
  });
});

describe('what a failed send means', () => {
  it('tries again later: no network, the office server cannot reach intake, same key in progress', () => {
    expect(outcomeOf(problem(0, 'network'))).toBe('retry');
    for (const status of [502, 503, 504, 429, 408])
      expect(outcomeOf(problem(status, 'x'))).toBe('retry');
    expect(outcomeOf(problem(409, 'idempotency.in-progress'))).toBe('retry');
  });

  it('waits for the next sign-in when the session ended', () => {
    expect(outcomeOf(problem(401, 'auth.unauthenticated'))).toBe('signed-out');
  });

  it('is a conflict for the officer when intake refuses it', () => {
    expect(outcomeOf(problem(409, 'returnee.duplicate-dui'))).toBe('conflict');
    expect(outcomeOf(problem(422, 'idempotency.key-reused'))).toBe('conflict');
    expect(outcomeOf(problem(400, 'validation.failed'))).toBe('conflict');
  });

  it('keeps the records intake found (ids only) with the conflict', () => {
    expect(
      conflictOf(problem(409, 'returnee.duplicate-dui', { existing: `/returnees/${RETURNEE}` })),
    ).toEqual({
      status: 409,
      code: 'returnee.duplicate-dui',
      title: 'returnee.duplicate-dui',
      candidates: [
        { returneeId: RETURNEE, nameSimilarity: null, sameDateOfBirth: null, sameDui: true },
      ],
    });
    expect(conflictOf(problem(400, 'validation.failed'))).not.toHaveProperty('candidates');
  });

  it('backs off 2 s, 4 s, 8 s … never more than a minute', () => {
    expect([0, 1, 2, 3, 10].map(retryDelay)).toEqual([2_000, 4_000, 8_000, 16_000, 60_000]);
  });
});

describe('the count shown to the officer', () => {
  it('counts people: a registration and its consents are one; refused ones and their consents are not waiting', () => {
    const items = [
      registration,
      consent('c1', 11, { dependsOn: 'reg-1' }),
      consent('c2', 12, { dependsOn: 'reg-1' }),
      consent('c3', 13, { caseId: 'case-online' }),
      consent('c4', 14, { caseId: 'case-online' }),
      { ...registration, id: 'reg-2', state: 'conflict' as const },
      consent('c5', 16, { dependsOn: 'reg-2' }),
    ];
    expect(peopleWaiting(items)).toBe(2);
    expect(peopleWaiting([])).toBe(0);
  });
});

describe("the officer's choices on a conflict", () => {
  const items = [
    registration,
    consent('c1', 11, { dependsOn: 'reg-1' }),
    consent('other', 12, { dependsOn: 'reg-2' }),
  ];
  const refused: OutboxItem = {
    ...registration,
    state: 'conflict',
    conflict: { status: 409, code: 'returnee.duplicate-dui', title: 'x' },
  };

  it('same person: a new return on the record found, with the return fields only, new key, same place', () => {
    const changes = asNewReturn(items, refused, RETURNEE, 'ep-1');
    expect(changes.remove).toEqual(['reg-1']);
    expect(changes.put[0]).toEqual({
      id: 'ep-1',
      kind: 'episode',
      returneeId: RETURNEE,
      createdAt: 10,
      state: 'waiting',
      name: 'Ana María López',
      listId: 'list-1',
      entryId: 'entry-1',
      body: {
        returnDate: '2026-12-04',
        countryReturnedFrom: 'US',
        receptionPoint: 'aeropuerto-internacional-san-oscar-romero',
        municipalityCode: 'SV-PA-LA-PAZ-ESTE',
        districtCode: 'SV-PA-LA-PAZ-ESTE/ZACATECOLUCA',
        arrivalEntryId: 'entry-1',
      },
    });
    // The person's consent now waits for the new return; another person's is untouched.
    expect(changes.put.slice(1)).toEqual([{ ...items[1], dependsOn: 'ep-1' }]);
  });

  it('a different person: registered again as confirmed new, under a new key', () => {
    const changes = asConfirmedNewPerson(items, refused, 'reg-1b');
    expect(changes.put[0]).toMatchObject({
      id: 'reg-1b',
      kind: 'registration',
      state: 'waiting',
      createdAt: 10,
      body: { ...registration.body, confirmedNewPerson: true },
    });
    expect(changes.put[0]).not.toHaveProperty('conflict');
    expect(changes.put[1]).toMatchObject({ id: 'c1', dependsOn: 'reg-1b' });
    expect(changes.remove).toEqual(['reg-1']);
  });

  it('discard: the item and the consents that wait on it go', () => {
    expect(discarded(items, refused)).toEqual({ put: [], remove: ['reg-1', 'c1'] });
  });
});
