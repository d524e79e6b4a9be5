import type { Page } from 'playwright-core';
import {
  call,
  expectAccessible,
  expectFitsNarrowScreen,
  freshDui,
  MUNICIPALITY,
  OfficeTestBed,
  tabTo,
  today,
  uniqueSurname,
} from './office-test-bed';

/**
 * A case transferred from La Paz Este to San Salvador Centro through the screens, in headless
 * Chromium against the real services: the sending officer asks on the case page (by keyboard; the
 * person's consent is required, intake's message beside the box), the receiving officer declines
 * one request with a reason and accepts another in "Traslados", and the old office then loses the
 * case (its page answers with the refusal; the API says 403) while the new one opens it.
 * Screenshots go to artifacts/office-web/transfers/.
 */
const bed = new OfficeTestBed('transfers');
const { intake, office } = bed;
const RECEIVING = 'SV-SS-SAN-SALVADOR-CENTRO';
let page: Page;
let officer = '';
const surname = `${uniqueSurname()} ${uniqueSurname()}`;
const people = { moving: 'Marta Alicia', staying: 'José Ramón' } as const;
const caseOf: Record<keyof typeof people, string> = { moving: '', staying: '' };

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

const openCase = async (who: keyof typeof people) => {
  await page.goto(`${office.url}/#/cases/${caseOf[who]}`);
  await page.getByRole('heading', { name: `Expediente de ${people[who]} ${surname}` }).waitFor();
};

/** The sending officer asks for the transfer on the case page, by keyboard. */
async function requestTransfer(who: keyof typeof people, reason: string): Promise<void> {
  await openCase(who);
  await page.getByRole('button', { name: 'Solicitar traslado' }).waitFor();
  // From the section's status line (focusable by script only), Tab reaches its button.
  await page.getByTestId('transfer-status').focus();
  await tabTo(page, 'Solicitar traslado');
  await page.keyboard.press('Enter');
  const municipality = page.getByLabel('Municipio que recibe');
  // The form opens with the keyboard on its first field.
  await page.waitForFunction(() => document.activeElement?.id === 'transfer-toMunicipalityCode');
  await municipality.selectOption(RECEIVING);
  await page.getByLabel('Motivo del traslado').selectOption(reason);
}

beforeAll(async () => {
  // Six processes start at once; on a loaded machine one may miss its 60 s to health: once more.
  await bed.start();
  page = bed.page;
  officer = await bed.tokenOf('oficial-la-paz-este');
  for (const who of Object.keys(people) as (keyof typeof people)[]) {
    const registered = await call(intake.url, 'POST', '/returnees', officer, {
      dui: freshDui(),
      firstNames: people[who],
      lastNames: surname,
      dateOfBirth: '1989-02-11',
      gender: who === 'moving' ? 'female' : 'male',
      returnDate: today,
      countryReturnedFrom: 'US',
      receptionPoint: 'aeropuerto-internacional-san-oscar-romero',
      municipalityCode: MUNICIPALITY,
    });
    expect(registered.status).toBe(201);
    caseOf[who] = registered.body['caseId'] as string;
  }
}, 420_000);

afterAll(() => bed.stop());

describe('a case transferred to another municipality, in Chromium', () => {
  it('asks for the transfer on the case page; without the consent intake refuses beside the box', async () => {
    await bed.login('oficial-la-paz-este');
    await page.getByRole('heading', { name: 'Recepción de llegadas' }).waitFor();
    await requestTransfer('moving', 'moved-residence');
    await check('transfer form', '01-transfer-form');
    await tabTo(page, 'Enviar solicitud de traslado');
    await page.keyboard.press('Enter');
    const error = page.locator('#transfer-consent-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('Sin el consentimiento de la persona');
    // The keyboard is taken to what needs correcting: the box.
    await page.waitForFunction(() => document.activeElement?.id === 'transfer-consent');
    await page.keyboard.press('Space');
    expect(await page.getByLabel(/La persona está de acuerdo/).isChecked()).toBe(true);
    await tabTo(page, 'Enviar solicitud de traslado');
    await page.keyboard.press('Enter');
    await page
      .getByTestId('transfer-status')
      .getByText(/Traslado solicitado a San Salvador Centro/)
      .waitFor();
    expect(await page.getByRole('button', { name: 'Solicitar traslado' }).count()).toBe(0);
    await check('transfer requested', '02-transfer-requested');

    await requestTransfer('staying', 'work-or-study');
    await page.getByLabel(/La persona está de acuerdo/).check();
    await page.getByLabel('Cómo lo dio').selectOption('written');
    await page.getByRole('button', { name: 'Enviar solicitud de traslado' }).click();
    await page
      .getByTestId('transfer-status')
      .getByText(/Traslado solicitado/)
      .waitFor();
  });

  it('lists both requests as waiting in the sending office’s Traslados', async () => {
    await page.getByRole('link', { name: 'Traslados' }).click();
    await page.getByRole('heading', { name: 'Traslados de expedientes' }).waitFor();
    const outgoing = page.getByTestId('outgoing-transfers');
    for (const who of ['moving', 'staying'] as const) {
      const row = outgoing.locator(`tr[data-case="${caseOf[who]}"]`);
      expect(await row.getByTestId('outgoing-status').textContent()).toBe('Esperando respuesta');
    }
    await check('transfers of the sending office', '03-outgoing-waiting');
  });

  it('the receiving office declines one with a reason and accepts the other', async () => {
    await bed.login('oficial-san-salvador-centro');
    await page.getByRole('link', { name: 'Traslados' }).click();
    const incoming = page.getByTestId('incoming-transfers');
    await incoming.waitFor();
    const staying = incoming.locator(`tr[data-case="${caseOf.staying}"]`);
    const moving = incoming.locator(`tr[data-case="${caseOf.moving}"]`);
    // Only codes before acceptance: where from, why, how the person consented; no name.
    expect(await moving.textContent()).toContain('La Paz Este');
    expect(await moving.textContent()).toContain('Se mudó de municipio');
    expect(await moving.textContent()).not.toContain(surname);
    expect(await staying.textContent()).toContain('Por escrito');
    await check('incoming transfers', '04-incoming');

    await staying.getByRole('button', { name: 'Rechazar el traslado desde La Paz Este' }).click();
    // No reason chosen: intake's message beside the select.
    await staying.getByRole('button', { name: 'Confirmar el rechazo' }).click();
    await staying.locator('.field-error').waitFor();
    await staying.getByLabel('Motivo del rechazo').selectOption('not-resident');
    await check('declining with a reason', '05-declining');
    await staying.getByRole('button', { name: 'Confirmar el rechazo' }).click();
    await page
      .getByTestId('transfer-notice')
      .getByText(/Traslado rechazado/)
      .waitFor();
    await staying.waitFor({ state: 'detached' });

    await moving.getByRole('button', { name: 'Aceptar el traslado desde La Paz Este' }).focus();
    await page.keyboard.press('Enter');
    const notice = page.getByTestId('transfer-notice');
    await notice.getByText(/Traslado aceptado/).waitFor();
    await moving.waitFor({ state: 'detached' });
    await check('transfer accepted', '06-accepted');
    await notice.getByRole('link', { name: 'Abrir el expediente' }).click();
    await page
      .getByRole('heading', { name: `Expediente de ${people.moving} ${surname}` })
      .waitFor();
  });

  it('the old office loses the moved case and keeps the declined one', async () => {
    await bed.login('oficial-la-paz-este');
    await page.getByRole('link', { name: 'Traslados' }).click();
    const outgoing = page.getByTestId('outgoing-transfers');
    await outgoing.waitFor();
    const status = (who: 'moving' | 'staying') =>
      outgoing.locator(`tr[data-case="${caseOf[who]}"]`).getByTestId('outgoing-status');
    expect(await status('moving').textContent()).toMatch(/^Aceptado · /);
    expect(await status('staying').textContent()).toMatch(
      /^Rechazado · La persona no vive en este municipio · /,
    );
    await check('transfers answered', '07-outgoing-answered');

    await page.goto(`${office.url}/#/cases/${caseOf.moving}`);
    await page.getByText('Ese registro pertenece a otro municipio').first().waitFor();
    await bed.shot('08-old-office-refused');
    expect((await call(intake.url, 'GET', `/cases/${caseOf.moving}`, officer)).status).toBe(403);
    const receiving = await bed.tokenOf('oficial-san-salvador-centro');
    const moved = await call(intake.url, 'GET', `/cases/${caseOf.moving}`, receiving);
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ episode: { municipalityCode: RECEIVING } });

    await openCase('staying');
    await page
      .getByTestId('transfer-status')
      .getByText(/rechazó el último traslado/)
      .waitFor();
    await page.getByRole('button', { name: 'Solicitar traslado' }).waitFor();
  });
});
