import { randomUUID } from 'node:crypto';
import {
  placementStatusChangedV1,
  referralStatusChangedV1,
  retentionCheckedV1,
  trainingStatusChangedV1,
  projectStatusChangedV1,
  vacancyCapacityChangedV1,
} from '@reintegra/event-contracts';
import { eventually, testToken } from '@reintegra/testing';
import { WEEKDAYS } from '../testing/candidate-setup';
import {
  EmploymentTestBed,
  isoDaysFromNow,
  type Json,
  LA_PAZ_ESTE,
  SAN_SALVADOR_CENTRO,
  ZACATECOLUCA,
} from '../testing/employment-matching-test-bed';

/**
 * The "done when": an employment referral for a returnee who worked in construction in
 * the US yields a ranked, explained list of local vacancies; a placement recorded by the
 * caseworker reports accepted → in-progress → completed(hired) on the referral, which the
 * orchestrator bridge forwards to the reintegration workflow. Real Kafka and PostgreSQL.
 */
const bed = new EmploymentTestBed();
const run = randomUUID().slice(0, 8);
const office = `oficina-empleo-${run}`;
const employer = `constructora-${run}`;
const tokens: Record<string, string> = {};

const daysAgo = (days: number) => isoDaysFromNow(-days);

const caseworker = bed.as(() => tokens['caseworker']);
const employerCall = bed.as(() => tokens['employer']);

/** A vacancy of this run's employer; overrides on a local drywall job. */
async function postVacancy(overrides: Json = {}): Promise<string> {
  const response = await employerCall('POST', '/vacancies', {
    title: 'Instalador de tablaroca',
    iscoCode: '7123',
    requiredSkills: ['tablaroca'],
    desirableSkills: ['lectura de planos'],
    municipalityCode: LA_PAZ_ESTE,
    districtCode: ZACATECOLUCA,
    schedule: WEEKDAYS,
    posts: 2,
    ...overrides,
  });
  expect(response.status).toBe(201);
  return response.body['id'] as string;
}

const statusesOf = (referralId: string) =>
  bed
    .recorded<{
      referralId: string;
      status: string;
      reasonCode?: string;
    }>(referralStatusChangedV1.type, (data) => data.referralId === referralId)
    .map((event) =>
      event.data.reasonCode ? `${event.data.status}:${event.data.reasonCode}` : event.data.status,
    );

beforeAll(async () => {
  await bed.start();
  tokens['caseworker'] = await testToken({
    roles: ['employment-caseworker'],
    municipalityCode: LA_PAZ_ESTE,
    organisationId: office,
  });
  tokens['employer'] = await testToken({ roles: ['partner'], organisationId: employer });
  const registered = await employerCall('POST', '/employers', {
    name: 'Constructora del Pacífico',
    municipalityCode: LA_PAZ_ESTE,
  });
  expect(registered.status).toBe(201);
});

afterAll(() => bed.stop());

describe('a returnee who worked in construction in the US', () => {
  let caseId: string;
  let referralId: string;
  const vacancies: Record<string, string> = {};

  it('becomes a candidate when the employment referral arrives, and is accepted', async () => {
    ({ caseId, referralId } = await bed.referReturnee({
      providerIds: [office],
      sharesWithEmployers: true,
    }));
    const candidate = await eventually(async () => {
      const response = await caseworker('GET', `/candidates/${caseId}`);
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        municipalityCode: LA_PAZ_ESTE,
        districtCode: ZACATECOLUCA,
      });
      return response.body;
    });
    expect(candidate).toMatchObject({ profiled: false, open: true, displayName: null });
    expect(String(candidate['code'])).toMatch(/^C-[A-Z2-9]{8}$/);

    const queue = (await caseworker('GET', '/referrals')).body as unknown as Json[];
    expect(queue.find((r) => r['id'] === referralId)).toMatchObject({ status: 'received' });
    const accepted = await caseworker('POST', `/referrals/${referralId}/acceptance`);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', providerId: office });
    await eventually(() => expect(statusesOf(referralId)).toEqual(['accepted']));
  });

  it('gets a skills profile coded to ISCO-08 from the words used', async () => {
    const read = await caseworker('GET', `/candidates/${caseId}`);
    const etag = read.headers.get('etag') ?? '';
    const profile = {
      displayName: 'José M.',
      contactPhone: '+503 7000-0000',
      occupations: [
        { text: 'tablaroca', yearsAbroad: 6 },
        { text: 'construcción', yearsAbroad: 3, yearsLocal: 1 },
        { text: 'jugador de fútbol' },
      ],
      skills: ['Drywall', 'albañilería', 'Herramienta eléctrica'],
      certifications: ['OSHA 10'],
      availability: WEEKDAYS,
    };
    expect((await caseworker('PUT', `/candidates/${caseId}/profile`, profile)).status).toBe(428);
    const saved = await caseworker('PUT', `/candidates/${caseId}/profile`, profile, {
      'if-match': etag,
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      profiled: true,
      occupations: [
        { iscoCode: '7123', text: 'tablaroca', yearsLocal: 0, yearsAbroad: 6 },
        { iscoCode: '9313', text: 'construcción', yearsLocal: 1, yearsAbroad: 3 },
        { iscoCode: null, text: 'jugador de fútbol' },
      ],
      skills: ['tablaroca', 'albanileria', 'uso-de-herramienta-electrica'],
      certifications: ['osha-10'],
      uncoded: ['jugador de fútbol'],
    });
    const stale = await caseworker('PUT', `/candidates/${caseId}/profile`, profile, {
      'if-match': etag,
    });
    expect(stale.status).toBe(412);
  });

  it('ranks local vacancies first, each with why: skills matched, what is missing, place, hours', async () => {
    vacancies['drywall'] = await postVacancy();
    vacancies['masonSanSalvador'] = await postVacancy({
      title: 'Albañil',
      iscoCode: '7112',
      requiredSkills: ['albañilería'],
      desirableSkills: [],
      municipalityCode: SAN_SALVADOR_CENTRO,
      districtCode: undefined,
    });
    vacancies['labourerNeedsOsha30'] = await postVacancy({
      title: 'Peón de obra',
      iscoCode: '9313',
      requiredSkills: [],
      desirableSkills: [],
      requiredCertifications: ['OSHA 30'],
      districtCode: undefined,
      schedule: { days: ['sat', 'sun'], shifts: ['morning'] },
    });
    vacancies['cook'] = await postVacancy({
      title: 'Cocinero',
      iscoCode: '5120',
      requiredSkills: ['cocina'],
      desirableSkills: [],
    });
    const response = await caseworker('GET', `/candidates/${caseId}/matches?limit=10`);
    expect(response.status).toBe(200);
    const ranked = response.body as unknown as Json[];
    expect(ranked.map((r) => r['vacancyId'])).toEqual([
      vacancies['drywall'],
      vacancies['labourerNeedsOsha30'],
      vacancies['masonSanSalvador'],
      vacancies['cook'],
    ]);
    expect(ranked[0]).toMatchObject({
      title: 'Instalador de tablaroca',
      employerName: 'Constructora del Pacífico',
      explanation: {
        occupation: { level: 'same-occupation', candidateIscoCode: '7123', years: 6 },
        skills: { matchedRequired: ['tablaroca'], missingRequired: [] },
        location: { level: 'same-district' },
        schedule: { fit: 1 },
      },
    });
    expect(ranked[1]).toMatchObject({
      explanation: {
        missingRequirements: [{ kind: 'certification', code: 'osha-30' }],
        schedule: { fit: 0 },
      },
    });
    expect(ranked[2]).toMatchObject({ explanation: { location: { level: 'elsewhere' } } });
    expect((ranked[0]?.['summary'] as Json)['es']).toContain('misma ocupación (7123 Revocadores)');
    const scores = ranked.map((r) => r['score'] as number);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  let placementId: string;

  it('proposes the best match: the referral is in progress, the employer sees the consented name', async () => {
    const proposed = await caseworker('POST', '/placements', {
      vacancyId: vacancies['drywall'],
      caseId,
    });
    expect(proposed.status).toBe(201);
    placementId = proposed.body['id'] as string;
    expect(proposed.body).toMatchObject({ status: 'proposed', referralId, providerId: office });
    await eventually(() => expect(statusesOf(referralId)).toEqual(['accepted', 'in-progress']));

    const seen = await employerCall('GET', `/placements/${placementId}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({
      candidate: { displayName: 'José M.', contactPhone: '+503 7000-0000' },
      sharedWithConsent: true,
      explanation: { occupation: { level: 'same-occupation' } },
    });
    expect(seen.body).not.toHaveProperty('caseId');
  });

  it('records the interview (employer) and the hire (caseworker): the referral completes as hired', async () => {
    const interview = await employerCall('POST', `/placements/${placementId}/interview`, {
      at: new Date().toISOString(),
    });
    expect(interview.body).toMatchObject({ status: 'interviewing' });
    const hired = await caseworker('POST', `/placements/${placementId}/hire`, {
      startsOn: daysAgo(95),
    });
    expect(hired.status).toBe(200);
    expect(hired.body).toMatchObject({ status: 'hired', startsOn: daysAgo(95) });

    await eventually(() => {
      expect(statusesOf(referralId)).toEqual(['accepted', 'in-progress', 'completed:hired']);
      expect(
        bed
          .recorded<{
            placementId: string;
            status: string;
          }>(placementStatusChangedV1.type, (data) => data.placementId === placementId)
          .map((event) => event.data.status),
      ).toEqual(['proposed', 'interviewing', 'hired']);
      const capacity = bed.recorded<{ vacancyId: string; postsFilled: number; open: boolean }>(
        vacancyCapacityChangedV1.type,
        (data) => data.vacancyId === vacancies['drywall'],
      );
      expect(capacity.at(-1)?.data).toMatchObject({ postsFilled: 1, open: true });
    });
    // The events carry ids and codes, never the name the caseworker recorded.
    for (const message of bed.recorder.messages.filter((m) => m.key === caseId)) {
      expect(message.value).not.toContain('José');
      expect(message.value).not.toContain('7000-0000');
    }
  });

  it('follows retention at 30 and 90 days, in order', async () => {
    const early = await caseworker('POST', `/placements/${placementId}/retention-checks`, {
      checkpointDays: 90,
      employed: true,
      checkedOn: daysAgo(10),
    });
    expect(early.body).toMatchObject({ code: 'retention.not-due' });
    const outOfOrder = await caseworker('POST', `/placements/${placementId}/retention-checks`, {
      checkpointDays: 90,
      employed: true,
    });
    expect(outOfOrder.body).toMatchObject({ code: 'retention.out-of-order' });
    for (const checkpointDays of [30, 90]) {
      const check = await caseworker('POST', `/placements/${placementId}/retention-checks`, {
        checkpointDays,
        employed: true,
      });
      expect(check.status).toBe(201);
    }
    const again = await caseworker('POST', `/placements/${placementId}/retention-checks`, {
      checkpointDays: 30,
      employed: false,
      reasonCode: 'quit',
    });
    expect(again.body).toMatchObject({ code: 'retention.already-recorded' });
    await eventually(() =>
      expect(
        bed
          .recorded<{
            placementId: string;
            checkpointDays: number;
            employed: boolean;
          }>(retentionCheckedV1.type, (data) => data.placementId === placementId)
          .map((event) => [event.data.checkpointDays, event.data.employed]),
      ).toEqual([
        [30, true],
        [90, true],
      ]),
    );
  });
});

describe('closing a vacancy withdraws its open proposals', () => {
  it('withdraws each open proposal with the reason vacancy-closed', async () => {
    const vacancyId = await postVacancy({ posts: 3 });
    const people = [];
    for (let i = 0; i < 2; i += 1) {
      const { caseId, referralId } = await bed.referReturnee({ providerIds: [office] });
      await eventually(async () =>
        expect((await caseworker('POST', `/referrals/${referralId}/acceptance`)).status).toBe(200),
      );
      const etag = (await caseworker('GET', `/candidates/${caseId}`)).headers.get('etag') ?? '';
      await caseworker(
        'PUT',
        `/candidates/${caseId}/profile`,
        {
          occupations: [{ iscoCode: '7123', yearsLocal: 2 }],
          skills: ['tablaroca'],
          availability: WEEKDAYS,
        },
        { 'if-match': etag },
      );
      const proposed = await caseworker('POST', '/placements', { vacancyId, caseId });
      expect(proposed.status).toBe(201);
      people.push({ caseId, placementId: proposed.body['id'] as string });
    }
    const rankedFor = async (caseId: string) =>
      (
        (await caseworker('GET', `/candidates/${caseId}/matches?limit=100`))
          .body as unknown as Json[]
      ).map((r) => r['vacancyId']);
    expect(await rankedFor(people[0]?.caseId ?? '')).toContain(vacancyId);
    const etag = (await employerCall('GET', `/vacancies/${vacancyId}`)).headers.get('etag') ?? '';
    const closed = await employerCall(
      'PATCH',
      `/vacancies/${vacancyId}`,
      { open: false },
      { 'if-match': etag },
    );
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ open: false, postsAvailable: 3 });
    for (const { placementId } of people) {
      expect((await caseworker('GET', `/placements/${placementId}`)).body).toMatchObject({
        status: 'withdrawn',
        reasonCode: 'vacancy-closed',
      });
    }
    // The match index sees the close at once: the vacancy is no longer ranked.
    expect(await rankedFor(people[0]?.caseId ?? '')).not.toContain(vacancyId);
    await eventually(() =>
      expect(
        bed.recorded<{ vacancyId: string; status: string; reasonCode?: string }>(
          placementStatusChangedV1.type,
          (data) => data.vacancyId === vacancyId && data.status === 'withdrawn',
        ),
      ).toHaveLength(2),
    );
  });
});

describe('training and entrepreneurship', () => {
  let caseId: string;
  let referralId: string;

  beforeAll(async () => {
    ({ caseId, referralId } = await bed.referReturnee({ providerIds: [office] }));
    await eventually(async () =>
      expect((await caseworker('POST', `/referrals/${referralId}/acceptance`)).status).toBe(200),
    );
  });

  it('enrols in a workshop school (referral in progress) and certification joins the profile', async () => {
    const workshop = await caseworker('POST', '/workshops', {
      name: 'Escuela taller de albañilería',
      tradeIscoCode: '7112',
      municipalityCode: LA_PAZ_ESTE,
      seats: 10,
      startsOn: daysAgo(60),
      endsOn: daysAgo(-30),
    });
    expect(workshop.status).toBe(201);
    const enrolled = await caseworker('POST', `/workshops/${workshop.body['id']}/enrolments`, {
      caseId,
    });
    expect(enrolled.status).toBe(201);
    const enrolmentId = enrolled.body['id'] as string;
    expect(
      (await caseworker('POST', `/workshop-enrolments/${enrolmentId}/certification`)).body,
    ).toMatchObject({
      code: 'training.invalid-transition',
    });
    await caseworker('POST', `/workshop-enrolments/${enrolmentId}/completion`);
    const certified = await caseworker('POST', `/workshop-enrolments/${enrolmentId}/certification`);
    expect(certified.body).toMatchObject({ status: 'certified' });
    const candidate = await caseworker('GET', `/candidates/${caseId}`);
    expect(candidate.body['certifications']).toContain('escuela-taller-7112');
    expect(candidate.body['occupations']).toEqual([
      { iscoCode: '7112', text: null, yearsLocal: 0, yearsAbroad: 0 },
    ]);
    await eventually(() => {
      expect(statusesOf(referralId)).toEqual(['accepted', 'in-progress']);
      expect(
        bed
          .recorded<{
            enrolmentId: string;
            status: string;
          }>(trainingStatusChangedV1.type, (data) => data.enrolmentId === enrolmentId)
          .map((event) => event.data.status),
      ).toEqual(['enrolled', 'completed', 'certified']);
    });
  });

  it('takes a project from idea to operating: the referral completes as business-operating', async () => {
    const created = await caseworker('POST', `/candidates/${caseId}/projects`, {
      sectorIscoCode: '7512',
      municipalityCode: LA_PAZ_ESTE,
    });
    expect(created.status).toBe(201);
    const projectId = created.body['id'] as string;
    const skip = await caseworker('POST', `/projects/${projectId}/transitions`, {
      to: 'operating',
    });
    expect(skip.body).toMatchObject({ code: 'project.invalid-transition' });
    const noSeed = await caseworker('POST', `/projects/${projectId}/transitions`, {
      to: 'seed-support',
    });
    expect(noSeed.status).toBe(400);
    for (const step of [
      { to: 'approved' },
      { to: 'seed-support', seedAmountUsd: 1500 },
      { to: 'operating' },
    ]) {
      const moved = await caseworker('POST', `/projects/${projectId}/transitions`, step);
      expect(moved.body).toMatchObject({ status: step.to });
    }
    await eventually(() => {
      expect(statusesOf(referralId)).toEqual([
        'accepted',
        'in-progress',
        'completed:business-operating',
      ]);
      expect(
        bed
          .recorded<{
            projectId: string;
            status: string;
          }>(projectStatusChangedV1.type, (data) => data.projectId === projectId)
          .map((event) => event.data.status),
      ).toEqual(['idea', 'approved', 'seed-support', 'operating']);
    });
  });
});
