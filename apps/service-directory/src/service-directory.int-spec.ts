import type { Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { cohortCapacityChangedV1 } from '@reintegra/event-contracts';
import { eventually, testToken } from '@reintegra/testing';
import { hsdsValidators } from './testing/hsds-validators';
import {
  as,
  publish,
  startServiceDirectory,
  type TestDirectory,
  testProducer,
} from './testing/service-directory-test-bed';

/** The directory in-process on the real PostgreSQL and Kafka. */
const LPE = 'SV-PA-LA-PAZ-ESTE';
const SSC = 'SV-SS-SAN-SALVADOR-CENTRO';
const ZACATECOLUCA = `${LPE}/ZACATECOLUCA`;
let directory: TestDirectory;
let producer: Producer;
let admin: ReturnType<typeof as>;
let supervisor: ReturnType<typeof as>;
let officer: ReturnType<typeof as>;

type Json = Record<string, unknown>;

async function organization(id: string, municipalityCode = LPE) {
  const response = await admin.post('/organizations', {
    id,
    name: `Org ${id}`,
    description: 'Prueba',
    municipalityCode,
  });
  expect(response.status).toBe(201);
}

async function location(organizationId: string, municipalityCode: string, districtCode?: string) {
  const response = await admin.post('/locations', {
    organizationId,
    name: `Sede ${organizationId}`,
    municipalityCode,
    ...(districtCode ? { districtCode } : {}),
  });
  expect(response.status).toBe(201);
  return response.body['id'] as string;
}

async function service(locationId: string, body: Json) {
  const response = await admin.post('/services', { locationId, name: 'Servicio', ...body });
  expect(response.status).toBe(201);
  return response.body['id'] as string;
}

const route = (body: Json) =>
  officer.post('/routing/next-provider', { municipalityCode: LPE, ...body });

beforeAll(async () => {
  directory = await startServiceDirectory();
  producer = await testProducer();
  admin = as(directory.url, { roles: ['admin'] });
  supervisor = as(directory.url, { roles: ['supervisor'], municipalityCode: LPE });
  officer = as(directory.url, { roles: ['intake-officer'], municipalityCode: LPE });
});

afterAll(async () => {
  await producer?.disconnect();
  await directory?.stop();
});

describe('directory entries and who may manage them', () => {
  it('lets admin manage anywhere and a supervisor only in their municipality; others read or nothing', async () => {
    await organization('ong-prueba-lpe');
    const inLpe = {
      organizationId: 'ong-prueba-lpe',
      name: 'Sede',
      municipalityCode: LPE,
      districtCode: ZACATECOLUCA,
    };
    const created = await supervisor.post('/locations', inLpe);
    expect(created.status).toBe(201);
    expect(
      (
        await supervisor.post('/locations', {
          ...inLpe,
          municipalityCode: SSC,
          districtCode: undefined,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await supervisor.post('/organizations', {
          id: 'otra-ss',
          name: 'Otra',
          description: 'x',
          municipalityCode: SSC,
        })
      ).status,
    ).toBe(403);
    const svc = await supervisor.post('/services', {
      locationId: created.body['id'],
      name: 'Albergue',
      serviceType: 'housing',
      minimumAge: 18,
    });
    expect(svc.status).toBe(201);
    expect(svc.body).toMatchObject({
      serviceType: 'housing',
      municipalityCode: LPE,
      status: 'active',
      languages: ['es'],
    });
    const id = svc.body['id'] as string;

    expect((await officer.get(`/services/${id}`)).status).toBe(200);
    expect(
      (
        await officer.post('/services', {
          locationId: created.body['id'],
          name: 'x',
          serviceType: 'health',
        })
      ).status,
    ).toBe(403);
    expect((await officer.patch(`/services/${id}`, { name: 'y' })).status).toBe(403);
    const otherSupervisor = as(directory.url, { roles: ['supervisor'], municipalityCode: SSC });
    expect((await otherSupervisor.patch(`/services/${id}`, { name: 'y' })).status).toBe(403);
    expect((await otherSupervisor.put(`/services/${id}/capacity`, { available: 1 })).status).toBe(
      403,
    );
    expect(
      (await as(directory.url, { roles: ['partner'], organisationId: 'oim' }).get('/services'))
        .status,
    ).toBe(403);
    expect(
      (await as(directory.url, { roles: ['victim-support-counsellor'] }).get('/services')).status,
    ).toBe(403);
    expect((await as(directory.url, null).get('/services')).status).toBe(401);

    const renamed = await supervisor.patch('/organizations/ong-prueba-lpe', {
      name: 'ONG Prueba',
      email: null,
    });
    expect(renamed).toMatchObject({ status: 200, body: { name: 'ONG Prueba', email: null } });
    expect(
      (await otherSupervisor.patch('/organizations/ong-prueba-lpe', { name: 'x' })).status,
    ).toBe(403);
    expect((await officer.patch('/organizations/ong-prueba-lpe', { name: 'x' })).status).toBe(403);
    expect((await admin.patch('/organizations/no-existe', { name: 'x' })).status).toBe(404);
    const patched = await supervisor.patch(`/services/${id}`, {
      status: 'temporarily closed',
      languages: ['es', 'en'],
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ status: 'temporarily closed', languages: ['es', 'en'] });
    const listed = await officer.get(`/services?municipalityCode=${LPE}&serviceType=housing`);
    expect((listed.body as unknown as Json[]).map((s) => s['id'])).toContain(id);
    expect((await officer.get('/services?serviceType=nope')).status).toBe(400);
    expect(
      (
        await supervisor.post('/services', {
          locationId: created.body['id'],
          name: 'x',
          serviceType: 'health',
          minimumAge: 30,
          maximumAge: 20,
        })
      ).status,
    ).toBe(400);
  });

  it('announces each change as a directory event in the outbox (ids and codes only)', async () => {
    const rows = (await directory.db.query(
      `SELECT payload FROM outbox_messages WHERE payload->>'type' = 'sv.reintegra.directory.service-changed.v1'
        ORDER BY position DESC LIMIT 1`,
    )) as { payload: { data: Json } }[];
    expect(rows[0]?.payload.data).toMatchObject({
      change: 'deactivated',
      serviceType: 'housing',
      municipalityCode: LPE,
    });
    expect(JSON.stringify(rows[0]?.payload.data)).not.toContain('Albergue');
  });
});

describe('routing', () => {
  it('skips a provider with zero capacity and asks the next eligible one, nearest first', async () => {
    await organization('salud-cerca');
    await organization('salud-municipio');
    await organization('salud-lejos', SSC);
    const near = await service(await location('salud-cerca', LPE, ZACATECOLUCA), {
      serviceType: 'health',
      capacityAvailable: 4,
    });
    await service(await location('salud-municipio', LPE, `${LPE}/SAN-JUAN-NONUALCO`), {
      serviceType: 'health',
      capacityAvailable: 9,
    });
    await service(await location('salud-lejos', SSC), {
      serviceType: 'health',
      capacityAvailable: 50,
    });

    const first = await route({
      service: 'health',
      eligibility: { ageYears: 40, sex: 'male', districtCode: ZACATECOLUCA },
    });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({
      providerId: 'salud-cerca',
      reason: { proximity: 'same-district', capacityAvailable: 4 },
    });

    expect((await supervisor.put(`/services/${near}/capacity`, { available: 0 })).status).toBe(200);
    const next = await route({
      service: 'health',
      eligibility: { ageYears: 40, sex: 'male', districtCode: ZACATECOLUCA },
    });
    expect(next.body).toMatchObject({
      providerId: 'salud-municipio',
      reason: {
        code: 'directory.nearest-eligible',
        proximity: 'same-municipality',
        skipped: { noCapacity: 1 },
      },
    });
    expect((next.body['text'] as Json)['es']).toContain('1 sin cupo');

    const afterBoth = await route({
      service: 'health',
      exclude: ['salud-municipio'],
      eligibility: { ageYears: 40 },
    });
    expect(afterBoth.body).toMatchObject({
      providerId: 'salud-lejos',
      reason: { proximity: 'elsewhere', skipped: { alreadyAsked: 1, noCapacity: 1 } },
    });
  });

  it('follows live capacity events: an education provider whose cohorts are full is skipped', async () => {
    await organization('escuela-llena');
    await organization('escuela-libre');
    await service(await location('escuela-llena', LPE, ZACATECOLUCA), { serviceType: 'education' });
    await service(await location('escuela-libre', LPE, `${LPE}/SAN-RAFAEL-OBRAJUELO`), {
      serviceType: 'education',
    });
    expect(
      (await route({ service: 'education', eligibility: { districtCode: ZACATECOLUCA } })).body,
    ).toMatchObject({ providerId: 'escuela-llena', reason: { capacity: 'unknown' } });
    const cohortId = randomUUID();
    const cohort = (
      seatsAvailable: number,
      occurredAt: Date,
      providerId = 'escuela-llena',
      id = cohortId,
    ) =>
      // One key for all: one partition, so the marker is read after the late event.
      publish(producer, cohortCapacityChangedV1, cohortId, {
        cohortId: id,
        programmeId: randomUUID(),
        providerId,
        level: 'secondary',
        modality: 'night',
        schoolReEntry: false,
        municipalityCode: LPE,
        open: true,
        seats: 20,
        seatsTaken: 20 - seatsAvailable,
        seatsAvailable,
        waitlistLength: seatsAvailable === 0 ? 3 : 0,
        startsOn: '2026-11-01',
        endsOn: '2027-06-30',
        occurredAt: occurredAt.toISOString(),
      });
    const education = () =>
      route({ service: 'education', eligibility: { districtCode: ZACATECOLUCA } });
    await cohort(0, new Date());
    await eventually(async () => {
      expect((await education()).body).toMatchObject({
        providerId: 'escuela-libre',
        reason: { skipped: { noCapacity: 1 } },
      });
    });
    // A seat frees: the nearest school is asked again.
    await cohort(1, new Date(Date.now() + 1000));
    await eventually(async () =>
      expect((await education()).body).toMatchObject({
        providerId: 'escuela-llena',
        reason: { capacityAvailable: 1 },
      }),
    );
    // A late, older event (a replay) never overwrites the newer one; a marker event shows it was read.
    await cohort(0, new Date(Date.now() - 3_600_000));
    const marker = randomUUID();
    await cohort(7, new Date(), 'escuela-libre', marker);
    await eventually(async () =>
      expect((await education()).body).toMatchObject({
        providerId: 'escuela-llena',
        reason: { skipped: { noCapacity: 0 } },
      }),
    );
    const rows = (await directory.db.query(
      `SELECT available FROM capacity_sources WHERE source_id = $1`,
      [`cohort:${cohortId}`],
    )) as { available: number }[];
    expect(rows).toEqual([{ available: 1 }]);
    await eventually(async () => {
      const marked = (await directory.db.query(
        `SELECT 1 FROM capacity_sources WHERE source_id = $1`,
        [`cohort:${marker}`],
      )) as unknown[];
      expect(marked).toHaveLength(1);
    });
    expect(
      (
        (await directory.db.query(`SELECT available FROM capacity_sources WHERE source_id = $1`, [
          `cohort:${cohortId}`,
        ])) as { available: number }[]
      )[0],
    ).toEqual({ available: 1 });
  });

  it('never proposes a women-only service for a man (nor without the fact), and does for a woman', async () => {
    await organization('refugio-mujeres');
    await organization('albergue-mixto', SSC);
    await service(await location('refugio-mujeres', LPE, ZACATECOLUCA), {
      serviceType: 'housing',
      womenOnly: true,
      capacityAvailable: 5,
    });
    await service(await location('albergue-mixto', SSC), {
      serviceType: 'housing',
      capacityAvailable: 1,
    });
    for (const eligibility of [{ sex: 'male', ageYears: 30 }, { ageYears: 30 }, {}]) {
      const answer = await route({
        service: 'housing',
        eligibility: { ...eligibility, districtCode: ZACATECOLUCA },
      });
      expect(answer.body['providerId']).not.toBe('refugio-mujeres');
    }
    const man = await route({
      service: 'housing',
      eligibility: { sex: 'male', ageYears: 30, districtCode: ZACATECOLUCA },
    });
    expect(man.body).toMatchObject({
      providerId: 'albergue-mixto',
      reason: { skipped: { notEligible: 1 } },
    });
    const woman = await route({
      service: 'housing',
      eligibility: { sex: 'female', ageYears: 30, districtCode: ZACATECOLUCA },
    });
    expect(woman.body).toMatchObject({ providerId: 'refugio-mujeres' });
    const none = await route({
      service: 'housing',
      exclude: ['albergue-mixto'],
      eligibility: { sex: 'male', ageYears: 30 },
    });
    expect(none.body).toMatchObject({
      providerId: null,
      reason: { code: 'directory.none-eligible' },
    });
  });

  it('refuses routing to roles that do not refer', async () => {
    const partner = as(directory.url, { roles: ['partner'], organisationId: 'oim' });
    expect(
      (await partner.post('/routing/next-provider', { service: 'health', municipalityCode: LPE }))
        .status,
    ).toBe(403);
    expect(
      (
        await officer.post('/routing/next-provider', {
          service: 'health',
          municipalityCode: 'Zacatecoluca',
        })
      ).status,
    ).toBe(400);
  });
});

describe('HSDS', () => {
  it('exports a directory that validates against the HSDS 3.0.1 schema, and imports it back', async () => {
    const exported = await officer.get('/hsds/services');
    expect(exported.status).toBe(200);
    const contents = exported.body.contents ?? [];
    expect(contents.length).toBeGreaterThanOrEqual(8);
    const { service, organization: org } = hsdsValidators();
    for (const entry of contents) {
      expect(service(entry) ? [] : service.errors).toEqual([]);
    }
    const csv = await fetch(`${directory.url}/hsds/services.csv`, {
      headers: {
        authorization: await testToken({ roles: ['intake-officer'], municipalityCode: LPE }),
      },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (await csv.text()).trimEnd().split('\r\n');
    expect(lines[0]?.startsWith('id,organization_id,program_id,name,')).toBe(true);
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual(contents.map((c) => c['id']));
    const orgs = await officer.get('/hsds/organizations');
    for (const entry of orgs.body.contents ?? []) expect(org(entry)).toBe(true);

    const lpeOnly =
      (await officer.get(`/hsds/services?municipalityCode=${LPE}`)).body.contents ?? [];
    const reimport = await supervisor.post('/hsds/import', { contents: lpeOnly });
    expect(reimport.body).toMatchObject({ created: 0, updated: lpeOnly.length, rejected: [] });
    expect((await supervisor.post('/hsds/import', { contents })).status).toBe(403);
    const bad = await admin.post('/hsds/import', {
      contents: [{ id: randomUUID(), name: 'x', status: 'active' }],
    });
    expect(bad.body).toMatchObject({ created: 0, rejected: [{ index: 0 }] });

    const fresh = structuredClone(lpeOnly[0]) as Json;
    fresh['id'] = randomUUID();
    const created = await admin.post('/hsds/import', { contents: [fresh] });
    expect(created.body).toMatchObject({ created: 1, updated: 0 });
    expect((await officer.get(`/services/${String(fresh['id'])}`)).status).toBe(200);
  });
});
