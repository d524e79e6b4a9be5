import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Role } from '@reintegra/platform-auth';
import { testToken } from '@reintegra/testing';
import { startIntakeForTest } from '../testing/intake-test-bed';

/** Issue 17 parts 1 and 2: a family registered from one arrival list, and a minor's consent. */
const LA_PAZ_ESTE = 'SV-PA-LA-PAZ-ESTE';
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
let app: INestApplication;
let url: string;
let officer: string;

interface Household {
  householdId: string | null;
  members: Array<{
    id: string;
    kind: string;
    firstNames: string;
    caseId: string | null;
    thisCase: boolean;
  }>;
  links: Array<{ memberId: string; relativeId: string; relationship: string }>;
}

async function call<T = Record<string, unknown>>(
  method: string,
  path: string,
  body?: unknown,
  authorization = officer,
) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization, 'accept-language': 'es' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: (await response.json()) as T,
  };
}

const auditCount = async (caseId: string, action: string) =>
  (
    (await app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM audit_log WHERE case_id = $1 AND action = $2`, [
        caseId,
        action,
      ])) as Array<{ n: number }>
  )[0]?.n;

/** The family of this run: a mother (head), her husband and their two children (minors). */
const tag = randomUUID().slice(0, 6).toUpperCase();
const trip = `F${tag}`;
const family = [
  { firstNames: 'Rosa Elena', dateOfBirth: '1985-04-02', gender: 'female', familyRole: 'head' },
  { firstNames: 'Mario José', dateOfBirth: '1983-09-15', gender: 'male', familyRole: 'spouse' },
  { firstNames: 'Ana Lucía', dateOfBirth: '2013-01-20', gender: 'female', familyRole: 'child' },
  { firstNames: 'Luis Ernesto', dateOfBirth: '2016-07-08', gender: 'male', familyRole: 'child' },
] as const;
const caseOf: Record<string, string> = {};

beforeAll(async () => {
  officer = await testToken({ roles: ['intake-officer'], municipalityCode: LA_PAZ_ESTE });
  ({ app, url } = await startIntakeForTest());
  const rows = family.map((person) => ({
    transport: 'bus',
    tripNumber: trip,
    arrivalDate: yesterday,
    receptionPoint: 'frontera-la-hachadura',
    countryReturnedFrom: 'MX',
    lastNames: `Hernández ${tag}`,
    municipalityCode: LA_PAZ_ESTE,
    familyGroup: `FAM-${tag}`,
    ...person,
  }));
  const imported = await call<{ accepted: number; links: { entries: string } }>(
    'POST',
    '/arrival-lists',
    {
      rows: [
        ...rows,
        { ...rows[0], firstNames: 'Otra', familyGroup: undefined, familyRole: 'head' },
      ],
    },
  );
  // The fifth row names a role without a family: reported, not imported.
  expect(imported.body.accepted).toBe(4);
  const entries = await call<{
    items: Array<{ id: string; firstNames: string; familyGroup: string }>;
  }>('GET', imported.body.links.entries);
  for (const entry of entries.body.items) {
    expect(entry.familyGroup).toBe(`FAM-${tag}`);
    const row = rows.find((r) => r.firstNames === entry.firstNames);
    if (!row) throw new Error('entry of another row');
    const registered = await call<{ caseId: string }>('POST', '/returnees', {
      firstNames: row.firstNames,
      lastNames: row.lastNames,
      dateOfBirth: row.dateOfBirth,
      gender: row.gender,
      returnDate: row.arrivalDate,
      countryReturnedFrom: row.countryReturnedFrom,
      receptionPoint: row.receptionPoint,
      municipalityCode: LA_PAZ_ESTE,
      confirmedNewPerson: true,
      arrivalEntryId: entry.id,
    });
    expect(registered.status).toBe(201);
    caseOf[row.familyRole === 'child' ? row.firstNames : row.familyRole] = registered.body.caseId;
  }
});

afterAll(async () => {
  await app?.close();
});

describe('a family registered from one arrival list', () => {
  it('is one household of four, each linked to the others both ways', async () => {
    const { status, body } = await call<Household>('GET', `/cases/${caseOf['head']}/household`);
    expect(status).toBe(200);
    expect(body.members.map((m) => m.firstNames).sort()).toEqual(
      family.map((p) => p.firstNames).sort(),
    );
    expect(body.members.every((m) => m.kind === 'returnee' && m.caseId)).toBe(true);
    const id = (name: string) => body.members.find((m) => m.firstNames === name)?.id;
    const what = (from: string, to: string) =>
      body.links.find((l) => l.memberId === id(from) && l.relativeId === id(to))?.relationship;
    expect(body.links).toHaveLength(12); // six pairs, both ways
    expect(what('Rosa Elena', 'Mario José')).toBe('spouse');
    expect(what('Mario José', 'Rosa Elena')).toBe('spouse');
    expect(what('Rosa Elena', 'Ana Lucía')).toBe('child');
    expect(what('Ana Lucía', 'Rosa Elena')).toBe('parent');
    expect(what('Mario José', 'Luis Ernesto')).toBe('child');
    expect(what('Luis Ernesto', 'Mario José')).toBe('parent');
    expect(what('Ana Lucía', 'Luis Ernesto')).toBe('sibling');
    expect(what('Luis Ernesto', 'Ana Lucía')).toBe('sibling');
    // The same household seen from a child's case, which is the one marked as this case.
    const fromChild = await call<Household>('GET', `/cases/${caseOf['Ana Lucía']}/household`);
    expect(fromChild.body.householdId).toBe(body.householdId);
    expect(fromChild.body.members.find((m) => m.thisCase)?.firstNames).toBe('Ana Lucía');
  });

  it('takes a relative who did not return, with name and birth date only, audited', async () => {
    const caseId = caseOf['head'] as string;
    const added = await call<Household>('POST', `/cases/${caseId}/household/members`, {
      firstNames: 'Carmen',
      lastNames: `Hernández ${tag}`,
      dateOfBirth: '1958-12-01',
      relationship: 'parent',
    });
    expect(added.status).toBe(201);
    const grandmother = added.body.members.find((m) => m.firstNames === 'Carmen');
    expect(grandmother).toMatchObject({ kind: 'family-member', caseId: null });
    const head = added.body.members.find((m) => m.thisCase);
    expect(added.body.links).toEqual(
      expect.arrayContaining([
        { memberId: head?.id, relativeId: grandmother?.id, relationship: 'parent' },
        { memberId: grandmother?.id, relativeId: head?.id, relationship: 'child' },
      ]),
    );
    expect(await auditCount(caseId, 'household.member-added')).toBe(1);
    const relinked = await call<Household>('POST', `/cases/${caseId}/household/links`, {
      relativeCaseId: caseOf['head'],
      relationship: 'other',
    });
    expect(relinked.status).toBe(422);
    expect(relinked.type).toContain('application/problem+json');
  });
});

describe("a minor's consent", () => {
  const consent = { purpose: 'contact', formVersion: 'CONS-2026-01' };

  it('is refused without a guardian, with a clear message, writing nothing', async () => {
    const caseId = caseOf['Luis Ernesto'] as string;
    const refused = await call('POST', `/cases/${caseId}/consents`, consent);
    expect(refused.status).toBe(422);
    expect(refused.type).toContain('application/problem+json');
    expect(refused.body).toMatchObject({ code: 'consent.minor-without-guardian' });
    expect(String(refused.body['title'])).toContain('tutor');
    expect((await call<unknown[]>('GET', `/cases/${caseId}/consents`)).body).toEqual([]);
  });

  it("is accepted once the guardian is on the case, and recorded as the guardian's", async () => {
    const caseId = caseOf['Luis Ernesto'] as string;
    const household = await call<Household>('GET', `/cases/${caseId}/household`);
    const mother = household.body.members.find((m) => m.firstNames === 'Rosa Elena');
    const sister = household.body.members.find((m) => m.firstNames === 'Ana Lucía');
    const minorGuardian = await call('PUT', `/cases/${caseId}/guardian`, {
      householdMemberId: sister?.id,
      capacity: 'relative',
    });
    expect(minorGuardian.status).toBe(422); // a sister of 13 cannot answer for him
    const recorded = await call('PUT', `/cases/${caseId}/guardian`, {
      householdMemberId: mother?.id,
      capacity: 'parent',
      phone: '+503 7000-0000',
    });
    expect(recorded.status).toBe(200);
    expect(recorded.body).toMatchObject({ firstNames: 'Rosa Elena', capacity: 'parent' });
    expect(await auditCount(caseId, 'guardian.recorded')).toBe(1);
    const granted = await call('POST', `/cases/${caseId}/consents`, consent);
    expect(granted.status).toBe(201);
    expect(granted.body['givenBy']).toEqual({
      capacity: 'guardian',
      name: `Rosa Elena Hernández ${tag}`,
      guardianCapacity: 'parent',
    });
  });

  it('may be given by a named adult outside the household; an adult needs no guardian', async () => {
    const caseId = caseOf['Ana Lucía'] as string;
    const named = await call('PUT', `/cases/${caseId}/guardian`, {
      firstNames: 'Teresa',
      lastNames: 'Guardado',
      capacity: 'legal-guardian',
    });
    expect(named.status).toBe(200);
    const granted = await call('POST', `/cases/${caseId}/consents`, consent);
    expect(granted.body['givenBy']).toMatchObject({ name: 'Teresa Guardado' });
    const adult = await call('POST', `/cases/${caseOf['spouse']}/consents`, consent);
    expect(adult.body['givenBy']).toEqual({ capacity: 'self' });
    const notMinor = await call('PUT', `/cases/${caseOf['spouse']}/guardian`, {
      firstNames: 'Teresa',
      lastNames: 'Guardado',
      capacity: 'legal-guardian',
    });
    expect(notMinor.status).toBe(422);
    expect(notMinor.body).toMatchObject({ code: 'guardian.not-a-minor' });
  });
});

describe('a child-protection referral', () => {
  it('does not leave intake through the ordinary route (it would carry the case and the child)', async () => {
    const caseId = caseOf['Luis Ernesto'] as string;
    const consent = await call('POST', `/cases/${caseId}/consents`, {
      purpose: 'service-referral',
      scope: 'child-protection',
      formVersion: 'CONS-2026-01',
    });
    expect(consent.status).toBe(201);
    const refused = await call<{ errors: Array<{ field: string; message: string }> }>(
      'POST',
      `/cases/${caseId}/referrals`,
      { service: 'child-protection', priority: 'urgent', providerIds: ['junta-proteccion'] },
    );
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({
        field: 'service',
        message: expect.stringContaining('confidenciales'),
      }),
    ]);
    const [row] = (await app
      .get(DataSource)
      .query(`SELECT count(*)::int AS n FROM referrals WHERE case_id = $1`, [caseId])) as Array<{
      n: number;
    }>;
    expect(row?.n).toBe(0);
  });
});

describe('access to households and guardians', () => {
  const routes = (caseId: string) => [
    { method: 'GET', path: `/cases/${caseId}/household`, write: false },
    {
      method: 'POST',
      path: `/cases/${caseId}/household/members`,
      body: { firstNames: 'X', lastNames: 'Y', dateOfBirth: '1990-01-01', relationship: 'other' },
      write: true,
    },
    {
      method: 'POST',
      path: `/cases/${caseId}/household/links`,
      body: { relativeCaseId: caseOf['spouse'], relationship: 'parent' },
      write: true,
    },
    { method: 'GET', path: `/cases/${caseId}/guardian`, write: false },
    {
      method: 'PUT',
      path: `/cases/${caseId}/guardian`,
      body: { firstNames: 'X', lastNames: 'Y', capacity: 'other' },
      write: true,
    },
  ];

  it('lets the municipality read (officers also write) and keeps everyone else out', async () => {
    const caseId = caseOf['Ana Lucía'] as string;
    const token = (roles: Role[], municipalityCode?: string) =>
      testToken({ roles, ...(municipalityCode ? { municipalityCode } : {}) });
    const otherOfficer = await token(['intake-officer'], 'SV-SS-SAN-SALVADOR-CENTRO');
    const supervisor = await token(['supervisor'], LA_PAZ_ESTE);
    const national = await token(['national-supervisor']);
    const outsiders = [
      await token(['employment-caseworker'], LA_PAZ_ESTE),
      await token(['victim-support-counsellor'], LA_PAZ_ESTE),
      await token(['education-caseworker'], LA_PAZ_ESTE),
    ];
    for (const route of routes(caseId)) {
      const as = (authorization: string) =>
        call(route.method, route.path, route.body, authorization);
      expect([route.path, (await as(otherOfficer)).status]).toEqual([route.path, 403]);
      for (const outsider of outsiders) {
        expect([route.path, (await as(outsider)).status]).toEqual([route.path, 403]);
      }
      const readerStatus = route.write ? 403 : 200;
      expect([route.path, (await as(supervisor)).status]).toEqual([route.path, readerStatus]);
      expect([route.path, (await as(national)).status]).toEqual([route.path, readerStatus]);
    }
    expect((await call('GET', `/cases/${randomUUID()}/household`)).status).toBe(404);
    // Officers of the municipality: the writes above were refused, these are done.
    for (const route of routes(caseId).filter((r) => r.write)) {
      expect([route.path, (await call(route.method, route.path, route.body)).status]).toEqual([
        route.path,
        route.method === 'POST' && route.path.endsWith('members') ? 201 : 200,
      ]);
    }
  });
});
