import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';
import {
  call,
  expectAccessible,
  expectFitsNarrowScreen,
  freshDui,
  MUNICIPALITY,
  OfficeTestBed,
  today,
  uniqueSurname,
} from './office-test-bed';

/**
 * The service directory in the office app, against the real service directory: the officer
 * browses and filters, the admin changes a service and an organisation (field errors from the
 * API beside the fields, a forced 403 shown), the officer sees the change, and the plan's referral
 * picker proposes the directory's services of the type, nearest first, saving the provider id.
 * Screenshots go to artifacts/office-web/directory/.
 */
const bed = new OfficeTestBed('directory');
let page: Page;
// The test database keeps earlier runs: every id and name carries this run's tag.
const run = randomUUID().slice(0, 6);
const ZACATECOLUCA = `${MUNICIPALITY}/ZACATECOLUCA`;
const NONUALCO = `${MUNICIPALITY}/SAN-JUAN-NONUALCO`;
const entries = {
  shelter: {
    org: `e2e-${run}-refugio`,
    orgName: `Refugio Las Flores ${run}`,
    name: `Albergue para mujeres ${run}`,
    district: ZACATECOLUCA,
    service: {
      serviceType: 'housing',
      womenOnly: true,
      minimumAge: 18,
      requiredDocuments: ['dui'],
      languages: ['es', 'en'],
      schedules: [{ byday: 'MO,TU,WE,TH,FR', opens_at: '08:00', closes_at: '16:00' }],
      capacityAvailable: 3,
    },
  },
  hostel: {
    org: `e2e-${run}-albergue`,
    orgName: `Casa San Juan ${run}`,
    name: `Albergue temporal ${run}`,
    district: NONUALCO,
    service: { serviceType: 'housing', capacityAvailable: 0 },
  },
  jobs: {
    org: `e2e-${run}-empleo`,
    orgName: `Bolsa de trabajo ${run}`,
    name: `Intermediación laboral ${run}`,
    district: ZACATECOLUCA,
    service: { serviceType: 'employment', capacityAvailable: 5 },
  },
};
const serviceIds: Record<string, string> = {};
const surname = `${uniqueSurname()} ${uniqueSurname()}`;
let caseId = '';

/** axe at desktop width, then at 360 px nothing spills sideways and axe again; both shot. */
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
  const admin = await bed.tokenOf('admin');
  const directory = (method: string, path: string, body: unknown) =>
    call(bed.directory.url, method, path, admin, body);
  for (const [key, entry] of Object.entries(entries)) {
    const organization = await directory('POST', '/organizations', {
      id: entry.org,
      name: entry.orgName,
      description: 'Organización de prueba del directorio.',
      municipalityCode: MUNICIPALITY,
    });
    expect(organization.status).toBe(201);
    const location = await directory('POST', '/locations', {
      organizationId: entry.org,
      name: `Sede ${entry.orgName}`,
      municipalityCode: MUNICIPALITY,
      districtCode: entry.district,
    });
    expect(location.status).toBe(201);
    const service = await directory('POST', '/services', {
      locationId: location.body['id'],
      name: entry.name,
      ...entry.service,
    });
    expect(service.status).toBe(201);
    serviceIds[key] = service.body['id'] as string;
  }
  const registered = await call(
    bed.intake.url,
    'POST',
    '/returnees',
    await bed.tokenOf('oficial-la-paz-este'),
    {
      dui: freshDui(),
      firstNames: 'Marta Elena',
      lastNames: surname,
      dateOfBirth: '1990-02-11',
      gender: 'female',
      returnDate: today,
      countryReturnedFrom: 'US',
      receptionPoint: 'aeropuerto-internacional-san-oscar-romero',
      municipalityCode: MUNICIPALITY,
      districtCode: ZACATECOLUCA,
    },
  );
  expect(registered.status).toBe(201);
  caseId = registered.body['caseId'] as string;
}, 300_000);

afterAll(() => bed.stop());

const card = (key: keyof typeof entries) =>
  page.locator(`[data-testid="directory-service"][data-service-id="${serviceIds[key]}"]`);
/** Which of this run's services the screen shows now. */
async function shown(): Promise<string[]> {
  await page.getByTestId('directory-count').waitFor();
  const ids = await page
    .getByTestId('directory-service')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-service-id') ?? ''));
  return Object.keys(entries)
    .filter((key) => ids.includes(serviceIds[key] ?? '-'))
    .sort();
}
const filters = () => page.getByTestId('directory-filters');
const openDirectory = async () => {
  await page.getByRole('link', { name: 'Directorio de servicios' }).click();
  await page.getByRole('heading', { name: 'Directorio de servicios', level: 1 }).waitFor();
  await filters().getByLabel('Buscar por nombre').fill(run);
};

describe('the service directory in Chromium', () => {
  it('the officer browses and filters the services of the municipality, without edit controls', async () => {
    await bed.login('oficial-la-paz-este');
    await openDirectory();
    // The officer's municipality is the starting filter.
    expect(await filters().getByLabel('Municipio').inputValue()).toBe(MUNICIPALITY);
    await card('shelter').waitFor();
    expect(await shown()).toEqual(['hostel', 'jobs', 'shelter']);
    const shelter = card('shelter');
    expect(await shelter.getByTestId('organization').textContent()).toBe(
      `${entries.shelter.orgName} · Vivienda`,
    );
    expect(await shelter.getByTestId('place').textContent()).toBe('Zacatecoluca, La Paz Este');
    expect(await shelter.getByTestId('for-whom').textContent()).toBe(
      'Solo mujeres · desde 18 años · Traer: DUI',
    );
    expect(await shelter.getByTestId('schedule').textContent()).toBe(
      'lun, mar, mié, jue, vie 08:00–16:00',
    );
    expect(await shelter.getByTestId('free-places').textContent()).toBe('3 cupos');
    expect(await shelter.getByText('español, inglés').count()).toBe(1);
    expect(await page.getByRole('button', { name: /Editar/ }).count()).toBe(0);
    await check('directory (officer)', '01-directory-officer');

    await filters().getByLabel('Tipo de servicio').selectOption('housing');
    await card('jobs').waitFor({ state: 'detached' });
    expect(await shown()).toEqual(['hostel', 'shelter']);
    await filters().getByLabel('Solo con cupo').check();
    expect(await shown()).toEqual(['shelter']);
    await filters().getByLabel('Solo con cupo').uncheck();
    await filters().getByLabel('Para quién').selectOption('everyone');
    expect(await shown()).toEqual(['hostel']);
    await filters().getByLabel('Para quién').selectOption('women-only');
    expect(await shown()).toEqual(['shelter']);
    await filters().getByLabel('Para quién').selectOption('');
    await filters().getByLabel('Distrito').selectOption(NONUALCO);
    expect(await shown()).toEqual(['hostel']);
    await check('directory filtered', '02-directory-filtered');
    await filters().getByLabel('Municipio').selectOption('SV-SS-SAN-SALVADOR-CENTRO');
    await card('hostel').waitFor({ state: 'detached' });
    expect(await shown()).toEqual([]);
  });

  it('the plan editor proposes the directory services of the type, nearest first, and saves the provider id', async () => {
    await page.goto(`${bed.office.url}/#/cases/${caseId}`);
    await page.getByRole('heading', { name: `Expediente de Marta Elena ${surname}` }).waitFor();
    const form = page.getByTestId('plan-form');
    await form.getByRole('button', { name: 'Agregar meta económica' }).click();
    await page.locator('#goal-economic-0-description').fill('Un lugar seguro donde vivir');
    await form.getByRole('button', { name: 'Proponer una remisión' }).click();
    await page.locator('#referral-0-service').selectOption('housing');
    await page.locator('#referral-0-reasonCode').selectOption('needs-housing');
    const picker = page.locator('#referral-0-provider');
    await picker.locator(`option[value="${entries.shelter.org}"]`).waitFor({ state: 'attached' });
    const options = await picker
      .locator('option')
      .evaluateAll((items) =>
        items.map((item) => ({ value: (item as HTMLOptionElement).value, text: item.textContent })),
      );
    const values = options.map((option) => option.value);
    // Housing only, in the case's municipality; its own district (Zacatecoluca) first.
    expect(values).not.toContain(entries.jobs.org);
    expect(values.indexOf(entries.shelter.org)).toBeLessThan(values.indexOf(entries.hostel.org));
    expect(options.find((option) => option.value === entries.hostel.org)?.text).toBe(
      `${entries.hostel.orgName} · ${entries.hostel.name} (San Juan Nonualco, La Paz Este) · sin cupo · Todas las personas · todas las edades`,
    );
    expect(await page.getByTestId('directory-unreachable').count()).toBe(0);
    await picker.selectOption(entries.shelter.org);
    expect(await page.getByTestId('provider-details').textContent()).toBe(
      'Solo mujeres · desde 18 años · Traer: DUI · lun, mar, mié, jue, vie 08:00–16:00',
    );
    await check('plan referral picker', '03-plan-picker');
    await form.getByRole('button', { name: 'Guardar plan' }).click();
    await page.getByTestId('plan-status').getByText('borrador (versión 1)').waitFor();
    const saved = await call(
      bed.intake.url,
      'GET',
      `/cases/${caseId}/plan`,
      await bed.tokenOf('oficial-la-paz-este'),
    );
    expect(saved.body['proposedReferrals']).toEqual([
      expect.objectContaining({ service: 'housing', providerIds: [entries.shelter.org] }),
    ]);
  });

  it('the admin changes a service and an organisation; the API errors show beside the fields', async () => {
    await bed.login('admin');
    await openDirectory();
    await card('hostel').waitFor();
    await card('hostel')
      .getByRole('button', { name: `Editar servicio: ${entries.hostel.name}` })
      .click();
    const editor = card('hostel').getByTestId('service-editor');
    // Keyboard users land on the form's first field.
    await page.waitForFunction(
      (id) => document.activeElement?.id === id,
      `service-${serviceIds['hostel']}-status`,
    );
    await editor.getByLabel('Estado').selectOption('inactive');
    await editor.getByLabel('Cupos libres').fill('4');
    await editor.getByLabel('Edad mínima').fill('200');
    await editor.getByRole('button', { name: 'Guardar cambios' }).click();
    // The directory's own limit (130), in its words, beside the field; focus goes there.
    const error = editor.locator(`#service-${serviceIds['hostel']}-minimumAge-error`);
    await error.getByText(/130/).waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(
      `service-${serviceIds['hostel']}-minimumAge`,
    );
    await editor.getByLabel('Edad mínima').fill('30');
    await editor.getByLabel('Edad máxima').fill('20');
    await editor.getByRole('button', { name: 'Guardar cambios' }).click();
    await editor
      .locator(`#service-${serviceIds['hostel']}-maximumAge-error`)
      .getByText('La edad máxima es menor que la mínima.')
      .waitFor();
    expect(await error.count()).toBe(0);
    await check('service editor with errors', '04-service-editor-errors');
    await editor.getByLabel('Edad mínima').fill('');
    await editor.getByLabel('Edad máxima').fill('');
    await editor.getByRole('button', { name: 'Guardar cambios' }).click();
    await page
      .getByTestId('directory-notice')
      .getByText(`Cambios guardados: ${entries.hostel.name}.`)
      .waitFor();
    await card('hostel').getByTestId('free-places').getByText('4 cupos').waitFor();
    expect(await card('hostel').getByTestId('status').textContent()).toBe('inactivo');

    await card('jobs')
      .getByRole('button', { name: `Editar organización: ${entries.jobs.orgName}` })
      .click();
    const organization = card('jobs').getByTestId('organization-editor');
    await organization
      .getByLabel('Nombre de la organización')
      .fill(`${entries.jobs.orgName} (CAM)`);
    await check('organisation editor', '05-organization-editor');
    await organization.getByRole('button', { name: 'Guardar cambios' }).click();
    await card('jobs')
      .getByTestId('organization')
      .getByText(`${entries.jobs.orgName} (CAM) · Empleo`)
      .waitFor();
  });

  it('shows the API refusal when an officer forces an edit', async () => {
    await card('shelter')
      .getByRole('button', { name: `Editar servicio: ${entries.shelter.name}` })
      .click();
    const editor = card('shelter').getByTestId('service-editor');
    await editor.getByLabel('Cupos libres').fill('0');
    // The session turns into an officer's: the screen would not offer this, the API refuses it.
    const officer = (await bed.tokenOf('oficial-la-paz-este')).replace('Bearer ', '');
    await page.evaluate(
      (token) => sessionStorage.setItem('reintegra.office.token', token),
      officer,
    );
    await editor.getByRole('button', { name: 'Guardar cambios' }).click();
    await editor.getByRole('alert').getByText('Su rol no tiene acceso a esta operación.').waitFor();
    await bed.shot('06-forced-edit-refused');
    const stored = await call(
      bed.directory.url,
      'GET',
      `/services/${serviceIds['shelter']}`,
      await bed.tokenOf('admin'),
    );
    expect(stored.body['capacityAvailable']).toBe(3);
  });

  it('the officer sees the admin change', async () => {
    await bed.login('oficial-la-paz-este');
    await openDirectory();
    await card('hostel').waitFor();
    expect(await card('hostel').getByTestId('status').textContent()).toBe('inactivo');
    expect(await card('hostel').getByTestId('free-places').textContent()).toBe('4 cupos');
    expect(await card('jobs').getByTestId('organization').textContent()).toBe(
      `${entries.jobs.orgName} (CAM) · Empleo`,
    );
    await filters().getByLabel('Estado').selectOption('active');
    await card('hostel').waitFor({ state: 'detached' });
    expect(await shown()).toEqual(['jobs', 'shelter']);
    expect(await page.getByRole('button', { name: /Editar/ }).count()).toBe(0);
    await check('directory after the change', '07-directory-after-change');
  });
});
