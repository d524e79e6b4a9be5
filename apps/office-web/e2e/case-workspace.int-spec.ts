import type { Page } from 'playwright-core';
import { eventually } from '@reintegra/testing';
import { answerGeneralQuestions } from './assessment-answers';
import {
  call,
  delivered,
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
 * The intake officer's case workspace in headless Chromium against the real services: assessment
 * (field errors beside the fields), scores, plan (If-Match, submit, the supervisor's approval),
 * the referral accepted by the employment office, consent withdrawal and closure proposal.
 * Screenshots go to artifacts/office-web/case-workspace/.
 */
const bed = new OfficeTestBed('case-workspace');
const { intake, office } = bed;
let page: Page;
let officer: string;
let caseId = '';
let referralId = '';
const surname = `${uniqueSurname()} ${uniqueSurname()}`;
const fullName = `Ana Patricia ${surname}`;

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

const openCase = async () => {
  await page.goto(`${office.url}/#/cases/${caseId}`);
  await page.getByRole('heading', { name: `Expediente de ${fullName}` }).waitFor();
};
const refresh = () => page.getByRole('button', { name: 'Actualizar', exact: true }).click();
const item = (id: string) => page.getByTestId(`item-${id}`);

beforeAll(async () => {
  await bed.start();
  page = bed.page;
  officer = await bed.tokenOf('oficial-la-paz-este');
  const registered = await call(intake.url, 'POST', '/returnees', officer, {
    dui: freshDui(),
    firstNames: 'Ana Patricia',
    lastNames: surname,
    dateOfBirth: '1991-04-17',
    gender: 'female',
    returnDate: today,
    countryReturnedFrom: 'US',
    receptionPoint: 'aeropuerto-internacional-san-oscar-romero',
    municipalityCode: MUNICIPALITY,
  });
  expect(registered.status).toBe(201);
  caseId = registered.body['caseId'] as string;
  for (const consent of [
    { purpose: 'service-referral', scope: 'employment' },
    { purpose: 'contact' },
  ]) {
    const granted = await call(intake.url, 'POST', `/cases/${caseId}/consents`, officer, {
      ...consent,
      formVersion: 'recepcion-2026-12-v1',
    });
    expect(granted.status).toBe(201);
  }
  // The path is the workflow's: registration starts it through Kafka and the orchestrator. The
  // topics are shared with other suites, whose events the orchestrator retries first: be patient.
  const returneeId = registered.body['returneeId'] as string;
  await eventually(
    async () =>
      expect((await call(intake.url, 'GET', `/returnees/${returneeId}/path`, officer)).status).toBe(
        200,
      ),
    { timeoutMs: 180_000, intervalMs: 1_000 },
  );
}, 300_000);

afterAll(() => bed.stop());

describe('case workspace of the intake officer, in Chromium', () => {
  it('opens the case: person, returns, consents and the path from the workflow', async () => {
    await bed.login('oficial-la-paz-este');
    await page.getByRole('heading', { name: 'Recepción de llegadas' }).waitFor();
    await openCase();
    await page.getByTestId('path-phase').getByText('Registro').waitFor();
    expect(await page.getByTestId('episodes').locator('li').count()).toBe(1);
    expect(await page.getByTestId('consents').locator('li').count()).toBe(2);
    expect(await page.getByTestId('timeline').textContent()).toContain('Persona registrada');
    await check('case workspace', '01-case');
  });

  it('shows intake’s field errors beside the fields, focus on the first; corrected, it saves', async () => {
    const form = page.getByTestId('assessment-form');
    await answerGeneralQuestions(page);
    await form.getByRole('button', { name: 'Agregar oficio' }).click();
    await page.locator('#q-occupations-0-code').fill('9999'); // deliberate error: no such ISCO code
    await page.locator('#q-occupations-0-yearsOfExperience').fill('6');
    // The screening is asked only after its own notice.
    expect(await item('feels-threatened-now').count()).toBe(0);
    await form.getByText(/Sección confidencial/).waitFor();
    await form.getByRole('button', { name: 'Hacer las preguntas confidenciales' }).click();
    await eventually(async () =>
      expect(await page.evaluate(() => document.activeElement?.id)).toBe(
        'q-violence-during-migration',
      ),
    );
    for (const id of ['violence-during-migration', 'violence-at-home', 'sexual-violence'])
      await item(id).locator('select').selectOption('no');
    for (const id of ['feels-threatened-now', 'wants-victim-support'])
      await item(id).locator('input[value="no"]').check();
    await form.getByRole('button', { name: 'Guardar evaluación' }).click();

    await item('income-sources').locator('.field-error').waitFor();
    const income = page.locator('#q-income-sources');
    expect(await income.getAttribute('aria-invalid')).toBe('true');
    expect(await income.getAttribute('aria-describedby')).toContain('q-income-sources-error');
    expect(await page.locator('#q-income-sources-error').textContent()).toMatch(/entre 0 y 10/);
    const code = page.locator('#q-occupations-0-code');
    expect(await code.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#q-occupations-0-code-error').textContent()).toMatch(/CIUO-08/);
    // Focus moved to the first field with an error (the trade comes first in the form).
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q-occupations-0-code');
    await form.getByText('Revise los campos marcados.').waitFor();
    await check('assessment with field errors', '02-assessment-errors');

    await income.fill('1');
    await code.fill('7115');
    await form.getByText(/Carpinteros/).waitFor();
    await form.getByRole('button', { name: 'Guardar evaluación' }).click();
    const done = page.getByTestId('assessment-done');
    await done.waitFor();
    // The screening is never shown back: only that it was answered.
    expect(await done.textContent()).toContain('respondido (las respuestas no se muestran)');
    expect(await page.getByText('¿Se siente amenazada').count()).toBe(0);
    await page.getByTestId('case-status').getByText('evaluado').waitFor();
  });

  it('shows the score by dimension and the indicators that drove it', async () => {
    const scores = page.getByTestId('scores');
    await scores.waitFor();
    for (const dimension of ['economic', 'social', 'psychosocial', 'composite'])
      expect(await page.getByTestId(`score-${dimension}`).textContent()).toMatch(/^\d{1,3}$/);
    expect(await page.getByTestId('drivers-economic').textContent()).toContain('Empleo e ingresos');
    expect(await page.getByTestId('drivers-psychosocial').textContent()).toContain('Red de apoyo');
    expect(await page.getByTestId('risk-level').textContent()).toMatch(/bajo|medio|alto/);
    await check('scores', '03-scores');
  });

  it('writes the plan with an employment referral, saves it with If-Match (a stale one refused) and submits it', async () => {
    const form = page.getByTestId('plan-form');
    await form.getByRole('button', { name: 'Agregar meta económica' }).click();
    // The directory is down for this step — the office server's answer when it cannot reach it
    // (office-server.spec.ts) — so the screen says so and takes a typed code.
    await page.route('**/api/directory/**', (route) =>
      route.fulfill({
        status: 502,
        contentType: 'application/problem+json',
        body: JSON.stringify({
          type: 'gateway.upstream-unavailable',
          title: 'El servicio no responde. Intente de nuevo en unos minutos.',
          status: 502,
        }),
      }),
    );
    await form.getByRole('button', { name: 'Proponer una remisión' }).click();
    await page.getByTestId('directory-unreachable').waitFor();
    await page.unroute('**/api/directory/**');
    await page.locator('#referral-0-priority').selectOption('urgent');
    // Saved without the goal's words nor the receiving office: intake's errors beside both.
    await form.getByRole('button', { name: 'Guardar plan' }).click();
    await page.locator('#goal-economic-0-description-error').waitFor();
    await page.locator('#referral-0-provider-error').waitFor();
    expect(await page.locator('#referral-0-provider').getAttribute('aria-describedby')).toContain(
      'referral-0-provider-error',
    );
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(
      'goal-economic-0-description',
    );
    await check('plan with field errors', '04-plan-errors');
    await page.locator('#goal-economic-0-description').fill('Trabajo formal de carpintería');
    await page.locator('#referral-0-provider').fill('oficina-empleo-la-paz-este');
    await form.getByRole('button', { name: 'Guardar plan' }).click();
    await page.getByTestId('plan-status').getByText('borrador (versión 1)').waitFor();
    // Someone else changes the plan meanwhile (a social goal): the screen's If-Match is stale.
    const stored = await call(intake.url, 'GET', `/cases/${caseId}/plan`, officer);
    const elsewhere = await fetch(`${intake.url}/cases/${caseId}/plan`, {
      method: 'PUT',
      headers: { authorization: officer, 'content-type': 'application/json', 'if-match': '"1"' },
      body: JSON.stringify({
        goals: {
          ...(stored.body['goals'] as object),
          social: [{ description: 'Vivienda propia' }],
        },
        proposedReferrals: stored.body['proposedReferrals'],
      }),
    });
    expect(elsewhere.status).toBe(200);
    await page.locator('#goal-economic-0-targetDate').fill('2027-06-30');
    await form.getByRole('button', { name: 'Guardar plan' }).click();
    await page.getByText(/Otra persona cambió el plan/).waitFor();
    await page.getByTestId('plan-status').getByText('borrador (versión 2)').waitFor();
    expect(await page.locator('#goal-social-0-description').inputValue()).toBe('Vivienda propia');
    // Saved again on the current version, with If-Match on version 2.
    await page.locator('#goal-economic-0-targetDate').fill('2027-06-30');
    await form.getByRole('button', { name: 'Guardar plan' }).click();
    await page.getByTestId('plan-status').getByText('borrador (versión 3)').waitFor();
    const saved = await call(intake.url, 'GET', `/cases/${caseId}/plan`, officer);
    expect(saved.body['goals']).toEqual({
      economic: [{ description: 'Trabajo formal de carpintería', targetDate: '2027-06-30' }],
      social: [{ description: 'Vivienda propia' }],
    });
    await check('plan draft', '05-plan-draft');
    await form.getByRole('button', { name: 'Enviar a supervisión' }).click();
    await page.getByTestId('plan-status').getByText('enviado para aprobación').waitFor();
    await page.getByText('Esperando la decisión de supervisión.').waitFor();
    expect(await page.getByTestId('plan-form').count()).toBe(0);
    await check('plan submitted', '06-plan-submitted');
  });

  it('shows a rejection with its reason; resubmitted, the approval and the referral with its deadline', async () => {
    const supervisor = await bed.tokenOf('supervisora-la-paz-este');
    const rejection = await call(
      intake.url,
      'POST',
      `/cases/${caseId}/plan/rejection`,
      supervisor,
      {
        reasonCode: 'missing-goals',
      },
    );
    expect(rejection.status).toBe(200);
    await refresh();
    await page
      .getByTestId('plan-decision')
      .getByText(/Motivo: Faltan metas/)
      .waitFor();
    await check('plan sent back', '07-plan-rejected');
    await page
      .getByTestId('plan-form')
      .getByRole('button', { name: 'Enviar a supervisión' })
      .click();
    await page.getByTestId('plan-status').getByText('enviado para aprobación').waitFor();

    const plan = await call(intake.url, 'GET', `/cases/${caseId}/plan`, supervisor);
    const approval = await fetch(`${intake.url}/cases/${caseId}/plan/approval`, {
      method: 'POST',
      headers: { authorization: supervisor, 'if-match': `"${plan.body['version'] as number}"` },
    });
    expect(approval.status).toBe(200);
    const opened = ((await approval.json()) as { referrals: { opened: { id: string }[] } })
      .referrals.opened;
    expect(opened).toHaveLength(1);
    referralId = opened[0]?.id ?? '';

    await refresh();
    const decision = page.getByTestId('plan-decision');
    await decision.getByText(/Aprobado:/).waitFor();
    expect(await page.getByText('Plan enviado a supervisión').count()).toBe(0);
    expect(await decision.textContent()).toContain('Empleo: remisión enviada.');
    const row = page.locator('[data-testid="referral-row"][data-service="employment"]');
    await row.waitFor();
    const referral = await call(intake.url, 'GET', `/cases/${caseId}/referrals`, officer);
    const acknowledgeBy = (referral.body as unknown as { acknowledgeBy: string }[])[0]
      ?.acknowledgeBy as string;
    const deadline = new Intl.DateTimeFormat('es-SV', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'America/El_Salvador',
    }).format(new Date(acknowledgeBy));
    expect(await row.getByTestId('referral-deadline').textContent()).toContain(deadline);
    expect(await row.textContent()).toContain('Urgente');
    await check('plan approved, referral sent', '08-plan-approved');
  });

  it('the employment caseworker accepts the referral in the employment inbox', async () => {
    await delivered('employment_matching', referralId);
    await page.getByRole('button', { name: 'Salir' }).click();
    await page.getByRole('button', { name: /Entrar como empleo-la-paz-este/ }).click();
    await page.getByRole('heading', { name: 'Remisiones a la oficina de empleo' }).waitFor();
    const entry = page.locator(`[data-testid="inbox-item"][data-case-id="${caseId}"]`);
    await eventually(
      async () => {
        await page.reload();
        await entry.waitFor({ timeout: 3_000 });
      },
      { timeoutMs: 60_000, intervalMs: 1_000 },
    );
    await check('employment inbox', '09-employment-inbox');
    await entry.getByRole('button', { name: /Aceptar la remisión/ }).click();
    await page.getByText('Remisión aceptada.').waitFor();
  });

  it('back as the officer, the referral shows accepted', async () => {
    await page.getByRole('button', { name: 'Salir' }).click();
    await page.getByRole('button', { name: /Entrar como oficial-la-paz-este/ }).click();
    await page.getByRole('heading', { name: 'Recepción de llegadas' }).waitFor();
    await openCase();
    const status = page.locator('[data-testid="referral-row"] [data-testid="referral-status"]');
    await eventually(
      async () => {
        await refresh();
        expect(await status.textContent()).toContain('aceptada');
      },
      { timeoutMs: 120_000, intervalMs: 2_000 },
    );
    await check('referral accepted', '10-referral-accepted');
  });

  it('withdraws the employment consent after its effects are explained, then the referral stops', async () => {
    await page
      .getByRole('button', { name: 'Retirar el consentimiento: Remitir a un servicio · Empleo' })
      .click();
    const confirmation = page.getByTestId('withdrawal-confirmation');
    await confirmation.waitFor();
    expect(await confirmation.textContent()).toContain(
      'Ya no se podrá remitir a la persona a Empleo',
    );
    expect(await confirmation.getByTestId('stopped-referrals').textContent()).toContain(
      'Empleo · aceptada',
    );
    // The explanation comes first: focus is on its heading, not on the confirm button.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H3');
    await check('consent withdrawal confirmation', '11-withdrawal-confirmation');
    await confirmation.getByRole('button', { name: 'Sí, retirar el consentimiento' }).click();
    await page.getByText('Consentimiento retirado. Los servicios ya fueron avisados.').waitFor();
    await eventually(async () =>
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('consents-notice'),
    );
    const employmentConsent = page.locator('[data-testid="consent"]', { hasText: 'Empleo' });
    await employmentConsent.getByText(/Retirado/).waitFor();
    const consents = await call(intake.url, 'GET', `/cases/${caseId}/consents`, officer);
    expect(
      (consents.body as unknown as { purpose: string; active: boolean }[]).find(
        (c) => c.purpose === 'service-referral',
      )?.active,
    ).toBe(false);
    // The employment office honours it: the accepted referral ends as not completed.
    const status = page.locator('[data-testid="referral-row"] [data-testid="referral-status"]');
    await eventually(
      async () => {
        await refresh();
        expect(await status.textContent()).toContain('no completada');
      },
      { timeoutMs: 120_000, intervalMs: 2_000 },
    );
    await check('consent withdrawn', '12-consent-withdrawn');
  });

  it('proposes closing the case with a reason; the path shows its history', async () => {
    // By keyboard alone: from the referrals table to the reason, chosen with the arrow key.
    await page.locator('.table-wrap[aria-label="Remisiones"]').focus();
    await tabTo(page, 'Motivo del cierre');
    await page.keyboard.press('ArrowDown');
    expect(await page.getByLabel('Motivo del cierre').inputValue()).toBe('disengaged');
    await tabTo(page, 'Proponer el cierre');
    await page.keyboard.press('Enter');
    await page
      .getByTestId('closure-proposal')
      .getByText(/Dejó de participar/)
      .waitFor();
    const proposal = await call(intake.url, 'GET', `/cases/${caseId}`, officer);
    expect((proposal.body['closureProposal'] as { reason: string }).reason).toBe('disengaged');
    const timeline = page.getByTestId('timeline');
    await eventually(
      async () => {
        await refresh();
        expect(await timeline.textContent()).toContain('Plan aprobado');
      },
      { timeoutMs: 120_000, intervalMs: 2_000 },
    );
    await check('closure proposed', '13-closure-proposed');
    await page.getByRole('button', { name: 'Cambiar el idioma a inglés' }).click();
    await page.getByRole('heading', { name: `Case of ${fullName}` }).waitFor();
    await page.getByText('Reintegration score').waitFor();
    await page.getByText('Consent withdrawn. The services have been told.').waitFor();
    await page
      .getByTestId('closure-proposal')
      .getByText(/Stopped taking part/)
      .waitFor();
    await check('case workspace in English', '14-english');
  });
});
