import type { Page } from 'playwright-core';
import {
  call,
  expectAccessible,
  expectFitsNarrowScreen,
  MUNICIPALITY,
  OfficeTestBed,
  today,
  uniqueSurname,
} from './office-test-bed';

/**
 * A mother and her son from one arrival list, in headless Chromium against the real services: the
 * son (a minor) is registered from the list, his consent is given by his guardian (the field
 * appears for minors only), and his case shows the household. Screenshots go to
 * artifacts/office-web/households/.
 */
const bed = new OfficeTestBed('households');
const { intake, office } = bed;
let page: Page;
let listId = '';
const surname = `${uniqueSurname()} ${uniqueSurname()}`;
const mother = { firstNames: 'Rosa Elena', dateOfBirth: '1986-05-10', gender: 'female' };
const tripNumber = `B${uniqueSurname().toUpperCase()}`;
const son = { firstNames: 'Luis Ernesto', dateOfBirth: '2015-08-21', gender: 'male' };

/** Every screen: axe at desktop width, then at 360 px nothing spills sideways; both shot. */
async function check(screen: string, step: string): Promise<void> {
  await expectAccessible(page, screen);
  await bed.shot(step);
  await page.setViewportSize({ width: 360, height: 740 });
  await expectFitsNarrowScreen(page);
  await expectAccessible(page, `${screen} at 360 px`);
  await bed.shot(`${step}-360px`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

beforeAll(async () => {
  await bed.start();
  page = bed.page;
  const officer = await bed.tokenOf('oficial-la-paz-este');
  const row = (person: typeof mother, familyRole: string) => ({
    transport: 'bus',
    tripNumber,
    arrivalDate: today,
    receptionPoint: 'frontera-la-hachadura',
    countryReturnedFrom: 'MX',
    lastNames: surname,
    municipalityCode: MUNICIPALITY,
    familyGroup: 'FAM-1',
    familyRole,
    ...person,
  });
  const rows = [row(mother, 'head'), row(son, 'child')];
  const imported = await call(intake.url, 'POST', '/arrival-lists', officer, { rows });
  expect(imported.body['accepted']).toBe(2);
  listId = imported.body['id'] as string;
  const entries = await call(intake.url, 'GET', `/arrival-lists/${listId}/entries`, officer);
  const items = entries.body['items'] as Array<{ id: string; firstNames: string }>;
  const motherEntry = items.find((item) => item.firstNames === mother.firstNames);
  const registered = await call(intake.url, 'POST', '/returnees', officer, {
    ...mother,
    lastNames: surname,
    returnDate: today,
    countryReturnedFrom: 'MX',
    receptionPoint: 'frontera-la-hachadura',
    municipalityCode: MUNICIPALITY,
    arrivalEntryId: motherEntry?.id,
  });
  expect(registered.status).toBe(201);
}, 300_000);

afterAll(() => bed.stop());

describe('a family and a minor, in Chromium', () => {
  it('registers the son from the list; his guardian gives the consent, with errors beside the fields', async () => {
    await bed.login('oficial-la-paz-este');
    await page.getByRole('heading', { name: 'Recepción de llegadas' }).waitFor();
    await page.goto(`${office.url}/#/reception/${listId}`);
    await page.getByRole('button', { name: `Registrar a ${son.firstNames} ${surname}` }).click();
    await page.getByRole('button', { name: 'Registrar persona' }).click();
    await page.getByRole('heading', { name: 'Consentimiento' }).waitFor();
    const guardian = page.getByTestId('guardian-fields');
    await guardian.waitFor();
    await check('consent of a minor', '01-minor-consent');
    await page.getByLabel('Llamarle o escribirle').check();
    await page.getByRole('button', { name: 'Guardar consentimiento' }).click();
    // Without the guardian's names intake refuses; the message sits beside the field.
    await page.locator('#f-guardianFirstNames-error').waitFor();
    expect(await page.getByLabel('Nombres del tutor').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Nombres del tutor').fill(mother.firstNames);
    await page.getByLabel('Apellidos del tutor').fill(surname);
    await page.getByLabel('Relación con la persona menor').selectOption('parent');
    await page.getByRole('button', { name: 'Guardar consentimiento' }).click();
    await page
      .getByTestId('consent-saved')
      .getByText('Consentimiento guardado: 1 propósito.')
      .waitFor();
  });

  it("shows the son's household with his mother, and his guardian", async () => {
    await page.getByRole('link', { name: 'Ver expediente' }).click();
    await page
      .getByRole('heading', { name: `Expediente de ${son.firstNames} ${surname}` })
      .waitFor();
    const household = page.getByTestId('household');
    await household.waitFor();
    expect(await household.locator('li').count()).toBe(1);
    expect(await household.textContent()).toContain(`${mother.firstNames} ${surname}`);
    expect(await household.textContent()).toContain('Madre o padre');
    expect(await page.getByTestId('guardian').textContent()).toContain('Madre o padre');
    await check('case with household', '02-household');
  });
});
