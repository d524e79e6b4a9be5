import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import { eventually } from '@reintegra/testing';
import {
  call,
  delivered,
  expectAccessible as expectAccessibleOn,
  expectFitsNarrowScreen,
  freshDui,
  MUNICIPALITY,
  OfficeTestBed,
  today,
  uniqueSurname,
} from './office-test-bed';

/**
 * The employment caseworker with an accepted person in headless Chromium: the skills profile
 * through the occupation search (a Spanish word, the keyboard), the vacancies ranked with why,
 * a proposal, the hiring and the 30-day retention check. Screenshots in
 * artifacts/office-web/employment-work/.
 */
const bed = new OfficeTestBed('employment-work');
let page: Page;
let caseId = '';
const run = randomUUID().slice(0, 6);
const vacancyTitle = `Albañil de obra ${run}`;
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);
const expectAccessible = (screen: string) => expectAccessibleOn(page, screen);

beforeAll(async () => {
  await bed.start();
  page = bed.page;
  const [officer, admin, caseworker] = await Promise.all([
    bed.tokenOf('oficial-la-paz-este'),
    bed.tokenOf('admin'),
    bed.tokenOf('empleo-la-paz-este'),
  ]);
  // An employer with an open vacancy for bricklayers in the municipality.
  const employerId = `constructora-${run}`;
  const employer = await call(bed.employment.url, 'POST', '/employers', admin, {
    id: employerId,
    name: `Constructora Los Nonualcos ${run}`,
    municipalityCode: MUNICIPALITY,
  });
  expect(employer.status).toBe(201);
  const vacancy = await call(bed.employment.url, 'POST', '/vacancies', admin, {
    employerId,
    title: vacancyTitle,
    iscoCode: '7112',
    requiredSkills: [],
    desirableSkills: [],
    requiredCertifications: [],
    municipalityCode: MUNICIPALITY,
    schedule: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], shifts: ['morning'] },
    posts: 2,
  });
  expect(vacancy.status).toBe(201);
  // A person registered, consenting, referred to employment and accepted there.
  const registered = await call(bed.intake.url, 'POST', '/returnees', officer, {
    dui: freshDui(),
    firstNames: 'Mario Ernesto',
    lastNames: `${uniqueSurname()} ${uniqueSurname()}`,
    dateOfBirth: '1987-05-20',
    gender: 'male',
    returnDate: today,
    countryReturnedFrom: 'US',
    receptionPoint: 'aeropuerto-internacional-san-oscar-romero',
    municipalityCode: MUNICIPALITY,
    confirmedNewPerson: true,
  });
  expect(registered.status).toBe(201);
  caseId = registered.body['caseId'] as string;
  const consent = await call(bed.intake.url, 'POST', `/cases/${caseId}/consents`, officer, {
    purpose: 'service-referral',
    scope: 'employment',
    formVersion: 'recepcion-2026-12-v1',
  });
  expect(consent.status).toBe(201);
  const referral = await call(bed.intake.url, 'POST', `/cases/${caseId}/referrals`, officer, {
    service: 'employment',
    priority: 'urgent',
    providerIds: ['oficina-empleo-la-paz-este'],
  });
  expect(referral.status).toBe(201);
  const referralId = referral.body['id'] as string;
  await delivered('employment_matching', referralId);
  const accepted = await call(
    bed.employment.url,
    'POST',
    `/referrals/${referralId}/acceptance`,
    caseworker,
  );
  expect(accepted.status).toBe(200);
}, 300_000);

afterAll(() => bed.stop());

describe('working with an accepted person', () => {
  it('records the skills profile by searching the trade in Spanish, keyboard only', async () => {
    await bed.login('empleo-la-paz-este');
    const item = page.locator(`[data-testid="inbox-item"][data-case-id="${caseId}"]`);
    await item.waitFor();
    await item.getByRole('link', { name: /^Trabajar con la persona: / }).click();
    await page.getByRole('heading', { name: /^Perfil laboral de / }).waitFor();
    await page.getByRole('combobox', { name: 'Oficio u ocupación' }).focus();
    await page.keyboard.type('albañil');
    await page.getByRole('option', { name: /^7112 / }).waitFor();
    await expectAccessible('occupation search');
    await bed.shot('01-occupation-search');
    await page.keyboard.press('Enter');
    expect(await page.getByTestId('chosen-occupation').textContent()).toMatch(/^Elegido: 7112 /);
    await page.getByLabel('Años de experiencia en el extranjero').fill('6');
    await page.getByRole('button', { name: 'Guardar perfil' }).click();
    await page.getByTestId('profile-notice').getByText('Perfil guardado.').waitFor();
  });

  it('shows the vacancies ranked for the person, each with why, and proposes one', async () => {
    const match = page.getByTestId('match').filter({ hasText: vacancyTitle });
    await eventually(async () => {
      if ((await match.count()) === 0) await page.reload();
      await match.waitFor({ timeout: 3_000 });
    });
    expect(await match.getByTestId('match-why').textContent()).toContain('7112');
    await expectAccessible('matches');
    await bed.shot('02-matches');
    await match.getByRole('button', { name: `Proponer a esta vacante: ${vacancyTitle}` }).click();
    await page
      .getByTestId('employment-notice')
      .getByText(`Propuesta enviada a ${vacancyTitle}.`)
      .waitFor();
    const placement = page.getByTestId('placement').filter({ hasText: vacancyTitle });
    expect(await placement.getByTestId('placement-status').textContent()).toBe('propuesta');
  });

  it('records the hiring and, 30 days on, the retention check, on a phone', async () => {
    await page.setViewportSize({ width: 360, height: 780 });
    const placement = page.getByTestId('placement').filter({ hasText: vacancyTitle });
    // Hired 40 days ago (recorded late): the 30-day check is due.
    await placement.getByLabel('Primer día de trabajo').fill(daysAgo(40));
    await placement.getByRole('button', { name: 'Registrar contratación' }).click();
    await page.getByTestId('employment-notice').getByText('Contratación registrada.').waitFor();
    await placement.getByText('Sí, sigue').click();
    await expectFitsNarrowScreen(page);
    await expectAccessible('retention check');
    await bed.shot('03-retention-360px');
    await placement.getByRole('button', { name: 'Guardar seguimiento' }).click();
    await page
      .getByTestId('employment-notice')
      .getByText('Seguimiento de 30 días guardado.')
      .waitFor();
    await eventually(async () =>
      expect(await placement.getByTestId('placement-status').textContent()).toBe(
        'contratada · 30 días: sigue en el empleo',
      ),
    );
    await bed.shot('04-retained-360px');
  });
});
