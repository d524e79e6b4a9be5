import { Kafka } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import {
  createEvent,
  referralRequestedV1,
  referralRevokedV1,
  TOPICS,
} from '@reintegra/event-contracts';
import { currentTestStack, eventually } from '@reintegra/testing';
import {
  call,
  expectAccessible as expectAccessibleOn,
  expectFitsNarrowScreen,
  type Json,
  MUNICIPALITY,
  OfficeTestBed,
  tabTo,
} from './office-test-bed';

/**
 * The education caseworker's groups in headless Chromium against the built services: a group of
 * one seat with a second person on the waitlist; the first leaves, the second moves in; the
 * session's attendance taken on a 360 px phone with the keyboard alone. Screenshots go to
 * artifacts/office-web/education-cohorts/.
 */
const bed = new OfficeTestBed('education-cohorts');
let page: Page;
const PROVIDER = 'centro-escolar-zacatecoluca';
const day = (offset: number) =>
  new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const cohortName = `Bachillerato nocturno ${randomUUID().slice(0, 6)}`;
const first = randomUUID();
const second = randomUUID();
const short = (caseId: string) => `Persona ${caseId.slice(0, 8)}`;
let cohortId = '';

beforeAll(async () => {
  await bed.start();
  page = bed.page;
  const caseworker = await bed.tokenOf('educacion-la-paz-este');
  const education = (method: string, path: string, body?: unknown) =>
    call(bed.education.url, method, path, caseworker, body);
  const provider = await education('POST', '/providers', {
    id: PROVIDER,
    name: 'Centro Escolar de Zacatecoluca',
    kind: 'school',
    municipalityCode: MUNICIPALITY,
  });
  expect([201, 409]).toContain(provider.status);
  const programme = await education('POST', '/programmes', {
    providerId: PROVIDER,
    name: 'Bachillerato acelerado',
    level: 'secondary',
    modality: 'night',
    eligibility: { minAge: 15 },
  });
  expect(programme.status).toBe(201);
  const cohort = await education('POST', '/cohorts', {
    programmeId: programme.body['id'],
    name: cohortName,
    seats: 1,
    schedule: 'lunes a jueves 18:00-21:00',
    municipalityCode: MUNICIPALITY,
    startsOn: day(-7),
    endsOn: day(120),
  });
  expect(cohort.status).toBe(201);
  cohortId = cohort.body['id'] as string;
  // The service keeps a learner profile only for a case referred to the caseworker's provider:
  // each person gets a referral that intake then revokes, so recording the profile routes nothing
  // and the group is filled by hand below, in order.
  const producer = new Kafka({ brokers: currentTestStack().kafkaBrokers, logLevel: 1 }).producer();
  await producer.connect();
  for (const caseId of [first, second]) {
    const referralId = randomUUID();
    const meta = {
      subject: caseId,
      source: '/reintegra/intake',
      actor: 'user:intake-officer-test',
      correlationId: randomUUID(),
    };
    const events = [
      createEvent(referralRequestedV1, {
        ...meta,
        data: {
          referralId,
          caseId,
          service: 'education',
          priority: 'normal',
          providerIds: [PROVIDER],
          acknowledgeBy: new Date(Date.now() + 14 * 86_400_000).toISOString(),
          requestedAt: new Date().toISOString(),
          consentId: randomUUID(),
        },
      }),
      createEvent(referralRevokedV1, {
        ...meta,
        data: {
          referralId,
          caseId,
          reasonCode: 'test-fixture',
          revokedAt: new Date().toISOString(),
        },
      }),
    ];
    await producer.send({
      topic: TOPICS.intakeReferrals,
      messages: events.map((event) => ({ key: caseId, value: JSON.stringify(event) })),
    });
    await eventually(
      async () => {
        const queue = (await education('GET', '/referrals')).body as unknown as Json[];
        expect(queue.find((row) => row['id'] === referralId)?.['status']).toBe('revoked');
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
  }
  await producer.disconnect();
  // Two people whose learner details the office recorded: one seat, so the second waits.
  const outcomes: Json[] = [];
  for (const caseId of [first, second]) {
    const learner = await education('PUT', `/learners/${caseId}`, {
      dateOfBirth: '1996-04-02',
      lastGradeCompleted: 9,
      documents: ['dui'],
    });
    expect(learner.status).toBe(200);
    const enrolled = await education('POST', `/cohorts/${cohortId}/enrolments`, { caseId });
    expect(enrolled.status).toBe(201);
    outcomes.push(enrolled.body);
  }
  expect(outcomes.map((o) => o['status'])).toEqual(['enrolled', 'waitlisted']);
}, 300_000);

afterAll(() => bed.stop());

const expectAccessible = (screen: string) => expectAccessibleOn(page, screen);
const statusOf = (caseId: string) =>
  page
    .locator(`[data-testid="enrolment"][data-case-id="${caseId}"]`)
    .getByTestId('enrolment-status')
    .textContent();

describe('education groups in Chromium', () => {
  it('shows the group with its seats and its waitlist', async () => {
    await bed.login('educacion-la-paz-este');
    await page.getByRole('link', { name: 'Grupos y asistencia' }).click();
    await page.getByRole('heading', { name: 'Grupos y asistencia' }).waitFor();
    const card = page.locator(`[data-testid="cohort"][data-cohort-id="${cohortId}"]`);
    expect(await card.getByTestId('cohort-seats').textContent()).toBe(
      '1 de 1 cupos ocupados · 1 en lista de espera',
    );
    await expectAccessible('groups');
    await bed.shot('01-groups');
    await card.getByRole('link', { name: `Abrir el grupo ${cohortName}` }).click();
    await page.getByRole('heading', { name: cohortName }).waitFor();
    expect(await statusOf(first)).toBe('inscrita');
    expect(await statusOf(second)).toBe('en lista de espera · n.º 1');
    await expectAccessible('group roster');
    await bed.shot('02-roster-waitlist');
  });

  it('a person leaves with a reason and the first on the waitlist moves in', async () => {
    await page.getByRole('button', { name: `Dar de baja a ${short(first)}` }).click();
    await page.getByLabel('Motivo de la baja').selectOption('found-work');
    await expectAccessible('drop with reason');
    await bed.shot('03-drop-reason');
    await page.getByRole('button', { name: 'Confirmar la baja' }).click();
    await page
      .getByTestId('roster-notice')
      .getByText(
        `${short(first)} dejó el grupo. ${short(second)} pasó de la lista de espera a inscrita.`,
      )
      .waitFor();
    // The roster and the seat count reload after the notice.
    await eventually(async () => {
      expect(await statusOf(second)).toBe('inscrita');
      expect(await page.locator(`[data-testid="enrolment"][data-case-id="${first}"]`).count()).toBe(
        0,
      );
      expect(await page.getByTestId('cohort-seats').textContent()).toBe(
        '1 de 1 cupos ocupados · nadie en espera',
      );
    });
    await expectAccessible('after promotion');
    await bed.shot('04-promoted');
  });

  it('takes the session attendance on a 360 px phone with the keyboard alone', async () => {
    await page.setViewportSize({ width: 360, height: 780 });
    await page.reload();
    await page.getByRole('heading', { name: cohortName }).waitFor();
    await tabTo(page, 'Tomar asistencia');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Asistencia de la sesión' }).waitFor();
    // "Came" is preselected; the person did not come: move to the other choice with the arrows.
    await tabTo(page, `${short(second)}: vino`);
    await page.keyboard.press('ArrowRight');
    expect(await page.getByLabel(`${short(second)}: no vino`).isChecked()).toBe(true);
    await expectFitsNarrowScreen(page);
    await expectAccessible('attendance on a phone');
    await bed.shot('05-attendance-360px');
    await tabTo(page, 'Guardar asistencia');
    await page.keyboard.press('Enter');
    await page
      .getByTestId('roster-notice')
      .getByText('Asistencia guardada: 0 de 1 vinieron.')
      .waitFor();
    await expectFitsNarrowScreen(page);
    await bed.shot('06-attendance-saved-360px');
    const saved = await call(
      bed.education.url,
      'GET',
      `/cohorts/${cohortId}/enrolments`,
      await bed.tokenOf('educacion-la-paz-este'),
    );
    const rows = saved.body as unknown as Json[];
    expect(rows.find((row) => row['caseId'] === second)).toMatchObject({
      consecutiveAbsences: 1,
    });
  });

  it('keeps the groups from the employment caseworker', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await bed.login('empleo-la-paz-este');
    await page.getByRole('link', { name: 'Remisiones de empleo' }).waitFor();
    await page.goto(`${bed.office.url}/#/education-groups/${cohortId}`);
    await page.getByTestId('no-access').waitFor();
    expect(await page.getByRole('heading', { name: cohortName }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Grupos y asistencia' }).count()).toBe(0);
    // The service refuses it too, whatever the screen shows.
    const refused = await call(
      bed.education.url,
      'GET',
      `/cohorts/${cohortId}/enrolments`,
      await bed.tokenOf('empleo-la-paz-este'),
    );
    expect(refused.status).toBe(403);
  });
});
