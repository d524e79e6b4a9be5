import type { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { generateArrivalList } from '@reintegra/demo-data';
import {
  either,
  MATRIX_ELSEWHERE,
  MATRIX_HOME,
  type MatrixRow,
  PLATFORM_ROWS,
  runAccessMatrix,
  testToken,
} from '@reintegra/testing';
import { november2026Answers } from './testing/assessment-fixtures';
import { moveCase, newPerson } from './testing/case-flow-fixtures';
import { onePagePdf } from './testing/document-fixtures';
import { startIntakeForTest } from './testing/intake-test-bed';

/**
 * Who may call what at intake: the municipality's officers register and work its people and
 * cases, its supervisors approve and close, a national supervisor does both anywhere; another
 * municipality's staff are refused (403 auth.outside-municipality). The victims' office of the
 * case's municipality alone reads the violence screening, by pseudonymous reference. Nobody else
 * gets in. Organisations play no part at intake: the other-organisation column equals the own one.
 */
let app: INestApplication;
let url: string;
let caseId: string;
let returneeId: string;
let assessmentId: string;
let reference: string;
let arrivalListId: string;
let minorCaseId: string;
let noteId: string;
let restrictedNoteId: string;
let documentId: string;
let restrictedDocumentId: string;

type Json = Record<string, unknown>;
const as = (role: 'intake-officer' | 'supervisor', municipalityCode = MATRIX_HOME) =>
  testToken({ subject: `matrix-fixture-${role}`, roles: [role], municipalityCode });

async function call(
  token: Promise<string>,
  method: string,
  path: string,
  body: unknown,
  expected: number,
  headers: Record<string, string> = {},
): Promise<Json> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: await token, ...headers },
    body: body instanceof Buffer ? body : JSON.stringify(body),
  });
  const text = await response.text();
  expect({ path, status: response.status, text }).toMatchObject({ status: expected });
  return JSON.parse(text) as Json;
}
const officer = (method: string, path: string, body: unknown, expected: number) =>
  call(as('intake-officer'), method, path, body, expected);

/** A new person of MATRIX_HOME (`{ dui: undefined }`: registered without a DUI). */
const register = async (overrides: Json = {}) => {
  const person = { ...newPerson({ municipalityCode: MATRIX_HOME }), ...overrides };
  const reply = await officer('POST', '/returnees', person, 201);
  return { returneeId: reply['returneeId'] as string, caseId: reply['caseId'] as string };
};
const newCase = async () => (await register()).caseId;
const consent = (id: string, scope: string) =>
  officer(
    'POST',
    `/cases/${id}/consents`,
    { purpose: 'service-referral', scope, formVersion: 'CONS-2026-01' },
    201,
  );
const plan = {
  goals: { economic: [{ description: 'Empleo en su oficio' }] },
  proposedReferrals: [],
};
async function withPlan(...steps: ('submission' | 'assessed')[]): Promise<string> {
  const id = await newCase();
  await officer('POST', `/cases/${id}/plan`, plan, 201);
  if (steps.includes('submission')) await officer('POST', `/cases/${id}/plan/submission`, {}, 200);
  if (steps.includes('assessed')) await moveCase(app, id, 'assessed');
  return id;
}
const employmentReferral = {
  service: 'employment',
  priority: 'urgent',
  providerIds: ['oficina-empleo'],
};
async function withReferral(): Promise<string> {
  const id = await newCase();
  await consent(id, 'employment');
  const referral = await officer('POST', `/cases/${id}/referrals`, employmentReferral, 201);
  return `/cases/${id}/referrals/${referral['id'] as string}`;
}
/** A minor registered without a DUI: only a minor's case takes a guardian. */
const newMinorCase = async () =>
  (await register({ dui: undefined, dateOfBirth: '2014-03-01' })).caseId;
const guardian = { firstNames: 'Teresa', lastNames: 'Guardado', capacity: 'legal-guardian' };
const note = (confidentiality: string) =>
  officer('POST', `/cases/${caseId}/notes`, { text: 'Entrevista inicial', confidentiality }, 201);
const pdf = onePagePdf('matriz');
const pdfHeaders = { 'content-type': 'application/pdf' };
const upload = (confidentiality: string) =>
  call(
    as('intake-officer'),
    'POST',
    `/cases/${caseId}/documents?kind=certificate&confidentiality=${confidentiality}`,
    pdf,
    201,
    pdfHeaders,
  );
const transfer = (toMunicipalityCode: string) => ({
  toMunicipalityCode,
  reasonCode: 'moved-residence',
  consent: { given: true, method: 'verbal' },
});
const sender = () => as('intake-officer', MATRIX_ELSEWHERE);
/** A case of another municipality, registered by its own office. */
async function elsewhereCase(): Promise<string> {
  const person = newPerson({ municipalityCode: MATRIX_ELSEWHERE });
  return (await call(sender(), 'POST', '/returnees', person, 201))['caseId'] as string;
}
/** A case of another municipality whose office asks MATRIX_HOME's to take it over. */
async function incomingTransfer(): Promise<string> {
  const path = `/cases/${await elsewhereCase()}/transfers`;
  return (await call(sender(), 'POST', path, transfer(MATRIX_HOME), 201))['id'] as string;
}
const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const arrivalRows = () =>
  generateArrivalList({
    seed: randomUUID(),
    arrivalDate: yesterday,
    size: 2,
    tripNumber: `T${randomUUID().slice(0, 8).toUpperCase()}`,
  });

/** The municipality's own staff; another municipality's are refused; organisation plays no part. */
const home = (status: number) => [status, 403, status] as const;
const staff = (status: number) =>
  ({
    'intake-officer': home(status),
    supervisor: home(status),
    'national-supervisor': status,
  }) as const;
const officers = (status: number) => ({ 'intake-officer': home(status) }) as const;
const registrars = (status: number) =>
  ({ 'intake-officer': home(status), 'national-supervisor': status }) as const;
const approvers = (status: number) =>
  ({ supervisor: home(status), 'national-supervisor': status }) as const;
const everyone = (status: number) =>
  ({ 'intake-officer': status, supervisor: status, 'national-supervisor': status }) as const;

// prettier-ignore
const ROWS: MatrixRow[] = [
  ...PLATFORM_ROWS,
  { route: 'POST /returnees', request: () => ({ path: '/returnees', body: newPerson({ municipalityCode: MATRIX_HOME }) }), allow: registrars(201) },
  { route: 'GET /returnees', request: () => ({ path: '/returnees' }), allow: everyone(200) },
  { route: 'GET /returnees/:id', request: () => ({ path: `/returnees/${returneeId}` }), allow: staff(200) },
  { route: 'PATCH /returnees/:id', request: async () => ({ path: `/returnees/${(await register()).returneeId}`, body: { firstNames: 'José Luis' }, headers: { 'if-match': '"1"' } }), allow: registrars(200) },
  { route: 'POST /returnees/:id/episodes', request: async () => ({ path: `/returnees/${(await register()).returneeId}/episodes`, body: { returnDate: '2026-10-02', countryReturnedFrom: 'MX', receptionPoint: 'frontera-la-hachadura', municipalityCode: MATRIX_HOME } }), allow: registrars(201) },
  { route: 'POST /returnees/:id/merges', request: async () => ({ path: `/returnees/${(await register()).returneeId}/merges`, body: { mergedReturneeId: (await register({ dui: undefined })).returneeId, reasonCode: 'same-person-verified' } }), allow: approvers(200) },
  // Two people with different DUIs: another municipality must not learn even that (403 before 409).
  { route: 'POST /returnees/:id/merges', request: async () => ({ path: `/returnees/${(await register()).returneeId}/merges`, body: { mergedReturneeId: (await register()).returneeId, reasonCode: 'same-person-verified' } }), allow: approvers(409) },
  // The path exists once an orchestrator (none of this suite's) has started it, 404 before: another
  // municipality must not learn even that.
  { route: 'GET /returnees/:id/path', request: () => ({ path: `/returnees/${returneeId}/path` }), allow: { 'intake-officer': [either(200, 404), 403, either(200, 404)], supervisor: [either(200, 404), 403, either(200, 404)], 'national-supervisor': either(200, 404) } },
  { route: 'GET /cases', request: () => ({ path: '/cases' }), allow: everyone(200) },
  { route: 'GET /cases/:caseId', request: () => ({ path: `/cases/${caseId}` }), allow: staff(200) },
  { route: 'POST /cases/:caseId/assessments', request: async () => ({ path: `/cases/${await newCase()}/assessments`, body: { questionnaireVersion: '2026-11', answers: november2026Answers } }), allow: officers(201) },
  { route: 'GET /cases/:caseId/assessments', request: () => ({ path: `/cases/${caseId}/assessments` }), allow: staff(200) },
  { route: 'GET /cases/:caseId/assessments/:assessmentId', request: () => ({ path: `/cases/${caseId}/assessments/${assessmentId}` }), allow: staff(200) },
  { route: 'GET /cases/:caseId/scores', request: () => ({ path: `/cases/${caseId}/scores` }), allow: staff(200) },
  { route: 'POST /cases/:caseId/closure-proposal', request: async () => ({ path: `/cases/${await newCase()}/closure-proposal`, body: { reason: 'disengaged' } }), allow: officers(201) },
  { route: 'POST /cases/:caseId/closure', request: async () => ({ path: `/cases/${await newCase()}/closure`, body: { reason: 'disengaged' } }), allow: approvers(200) },
  { route: 'GET /cases/:caseId/consents', request: () => ({ path: `/cases/${caseId}/consents` }), allow: staff(200) },
  { route: 'POST /cases/:caseId/consents', request: async () => ({ path: `/cases/${await newCase()}/consents`, body: { purpose: 'service-referral', scope: 'employment', formVersion: 'CONS-2026-01' } }), allow: officers(201) },
  { route: 'POST /cases/:caseId/consents/:consentId/withdrawal', request: async () => { const id = await newCase(); return { path: `/cases/${id}/consents/${(await consent(id, 'employment'))['id'] as string}/withdrawal` }; }, allow: officers(200) },
  { route: 'GET /cases/:caseId/plan', request: async () => ({ path: `/cases/${await withPlan()}/plan` }), allow: staff(200) },
  { route: 'POST /cases/:caseId/plan', request: async () => ({ path: `/cases/${await newCase()}/plan`, body: plan }), allow: officers(201) },
  { route: 'PUT /cases/:caseId/plan', request: async () => ({ path: `/cases/${await withPlan()}/plan`, body: plan, headers: { 'if-match': '"1"' } }), allow: officers(200) },
  { route: 'POST /cases/:caseId/plan/submission', request: async () => ({ path: `/cases/${await withPlan()}/plan/submission` }), allow: officers(200) },
  { route: 'POST /cases/:caseId/plan/approval', request: async () => ({ path: `/cases/${await withPlan('submission', 'assessed')}/plan/approval`, headers: { 'if-match': '"2"' } }), allow: approvers(200) },
  { route: 'POST /cases/:caseId/plan/rejection', request: async () => ({ path: `/cases/${await withPlan('submission')}/plan/rejection`, body: { reasonCode: 'missing-goals' } }), allow: approvers(200) },
  { route: 'GET /cases/:caseId/referrals', request: () => ({ path: `/cases/${caseId}/referrals` }), allow: staff(200) },
  { route: 'POST /cases/:caseId/referrals', request: async () => { const id = await newCase(); await consent(id, 'employment'); return { path: `/cases/${id}/referrals`, body: employmentReferral }; }, allow: officers(201) },
  { route: 'POST /cases/:caseId/referrals/:referralId/revocation', request: async () => ({ path: `${await withReferral()}/revocation`, body: { reasonCode: 'duplicate' } }), allow: { 'intake-officer': home(200), supervisor: home(200) } },
  { route: 'POST /cases/:caseId/victim-support-referrals', request: async () => { const id = await newCase(); await consent(id, 'victim-support'); return { path: `/cases/${id}/victim-support-referrals`, body: { priority: 'urgent', requestedServices: ['psychological'] } }; }, allow: officers(201) },
  { route: 'POST /cases/:caseId/child-protection-referrals', request: async () => { const id = await newMinorCase(); await officer('PUT', `/cases/${id}/guardian`, guardian, 200); await consent(id, 'child-protection'); return { path: `/cases/${id}/child-protection-referrals`, body: { priority: 'urgent', requestedServices: ['psychological'] } }; }, allow: officers(201) },
  { route: 'GET /victim-support-referrals/:reference/screening', request: () => ({ path: `/victim-support-referrals/${reference}/screening` }), allow: { 'victim-support-counsellor': home(200), 'victim-support-supervisor': home(200) } },
  { route: 'GET /questionnaires', request: () => ({ path: '/questionnaires' }), allow: { ...everyone(200), admin: 200, 'victim-support-counsellor': 200, 'victim-support-supervisor': 200 } },
  { route: 'GET /questionnaires/:version', request: () => ({ path: '/questionnaires/2026-11' }), allow: { ...everyone(200), admin: 200, 'victim-support-counsellor': 200, 'victim-support-supervisor': 200 } },
  { route: 'POST /scores/rescore', request: () => ({ path: '/scores/rescore', body: { scoringVersion: 'economic-priority-1', caseId } }), allow: { admin: 200, 'national-supervisor': 200 } },
  // Arrival lists are the reception's manifests of a whole flight or bus: not one municipality's.
  { route: 'POST /arrival-lists', request: () => ({ path: '/arrival-lists', body: { rows: arrivalRows() } }), allow: { 'intake-officer': 201, 'national-supervisor': 201 } },
  { route: 'GET /arrival-lists', request: () => ({ path: `/arrival-lists?arrivalDate=${yesterday}` }), allow: everyone(200) },
  { route: 'GET /arrival-lists/:id', request: () => ({ path: `/arrival-lists/${arrivalListId}` }), allow: everyone(200) },
  // Households, guardians, notes and documents: the office of the case's municipality.
  { route: 'GET /cases/:caseId/household', request: () => ({ path: `/cases/${caseId}/household` }), allow: staff(200) },
  { route: 'POST /cases/:caseId/household/members', request: async () => ({ path: `/cases/${await newCase()}/household/members`, body: { firstNames: 'Marta', lastNames: 'Flujo', dateOfBirth: '1960-02-11', relationship: 'parent' } }), allow: officers(201) },
  { route: 'POST /cases/:caseId/household/links', request: async () => ({ path: `/cases/${await newCase()}/household/links`, body: { relativeCaseId: await newCase(), relationship: 'sibling' } }), allow: officers(200) },
  // Both cases must be the caller's: another municipality's returnee is not pulled in (403 for all).
  { route: 'POST /cases/:caseId/household/links', request: async () => ({ path: `/cases/${await newCase()}/household/links`, body: { relativeCaseId: await elsewhereCase(), relationship: 'sibling' } }) },
  { route: 'GET /cases/:caseId/guardian', request: () => ({ path: `/cases/${minorCaseId}/guardian` }), allow: staff(200) },
  { route: 'PUT /cases/:caseId/guardian', request: async () => ({ path: `/cases/${await newMinorCase()}/guardian`, body: guardian }), allow: officers(200) },
  { route: 'POST /cases/:caseId/notes', request: async () => ({ path: `/cases/${await newCase()}/notes`, body: { text: 'Llamada de seguimiento', confidentiality: 'general' } }), allow: staff(201) },
  { route: 'GET /cases/:caseId/notes', request: () => ({ path: `/cases/${caseId}/notes` }), allow: staff(200) },
  { route: 'GET /cases/:caseId/notes/:noteId', request: () => ({ path: `/cases/${caseId}/notes/${noteId}` }), allow: staff(200) },
  // A restricted note of another officer: its author and the supervisors alone, with a reason.
  { route: 'GET /cases/:caseId/notes/:noteId', request: () => ({ path: `/cases/${caseId}/notes/${restrictedNoteId}?reason=supervision` }), allow: { 'intake-officer': 403, supervisor: home(200), 'national-supervisor': 200 } },
  { route: 'POST /cases/:caseId/documents', request: async () => ({ path: `/cases/${await newCase()}/documents?kind=certificate`, rawBody: pdf, headers: pdfHeaders }), allow: staff(201) },
  { route: 'GET /cases/:caseId/documents', request: () => ({ path: `/cases/${caseId}/documents` }), allow: staff(200) },
  { route: 'GET /cases/:caseId/documents/:documentId/content', request: () => ({ path: `/cases/${caseId}/documents/${documentId}/content` }), allow: staff(200) },
  { route: 'GET /cases/:caseId/documents/:documentId/content', request: () => ({ path: `/cases/${caseId}/documents/${restrictedDocumentId}/content?reason=supervision` }), allow: { 'intake-officer': 403, supervisor: home(200), 'national-supervisor': 200 } },
  // Transfers: the sending office asks, the receiving one (MATRIX_HOME here) answers; national
  // supervisors do neither, they reassign paths at the supervisor dashboard.
  { route: 'POST /cases/:caseId/transfers', request: async () => ({ path: `/cases/${await newCase()}/transfers`, body: transfer(MATRIX_ELSEWHERE) }), allow: { 'intake-officer': home(201), supervisor: home(201) } },
  { route: 'GET /transfers/incoming', request: () => ({ path: '/transfers/incoming' }), allow: { 'intake-officer': 200, supervisor: 200 } },
  { route: 'GET /transfers/outgoing', request: () => ({ path: '/transfers/outgoing' }), allow: { 'intake-officer': 200, supervisor: 200 } },
  { route: 'POST /transfers/:id/acceptance', request: async () => ({ path: `/transfers/${await incomingTransfer()}/acceptance` }), allow: { 'intake-officer': home(200), supervisor: home(200) } },
  { route: 'POST /transfers/:id/decline', request: async () => ({ path: `/transfers/${await incomingTransfer()}/decline`, body: { reasonCode: 'no-capacity' } }), allow: { 'intake-officer': home(200), supervisor: home(200) } },
  { route: 'GET /arrival-lists/:id/entries', request: () => ({ path: `/arrival-lists/${arrivalListId}/entries` }), allow: everyone(200) },
];

beforeAll(async () => {
  ({ app, url } = await startIntakeForTest());
  ({ returneeId, caseId } = await register());
  assessmentId = (
    await officer(
      'POST',
      `/cases/${caseId}/assessments`,
      { questionnaireVersion: '2026-11', answers: november2026Answers },
      201,
    )
  )['id'] as string;
  await consent(caseId, 'victim-support');
  await officer(
    'POST',
    `/cases/${caseId}/victim-support-referrals`,
    { priority: 'urgent', requestedServices: ['psychological'] },
    201,
  );
  [{ reference }] = (await app
    .get(DataSource)
    .query(`SELECT reference FROM victim_support_referrals WHERE case_id = $1`, [caseId])) as {
    reference: string;
  }[];
  arrivalListId = (await officer('POST', '/arrival-lists', { rows: arrivalRows() }, 201))[
    'id'
  ] as string;
  minorCaseId = await newMinorCase();
  await officer('PUT', `/cases/${minorCaseId}/guardian`, guardian, 200);
  noteId = (await note('general'))['noteId'] as string;
  restrictedNoteId = (await note('restricted'))['noteId'] as string;
  documentId = (await upload('general'))['documentId'] as string;
  restrictedDocumentId = (await upload('restricted'))['documentId'] as string;
}, 60_000);

afterAll(async () => {
  await app?.close();
});

it('answers every route × role × municipality × organisation, and every bad token, as the table says', async () => {
  const report = await runAccessMatrix({
    app,
    url,
    organisation: 'matrix-oficina',
    otherOrganisation: 'matrix-otra-oficina',
    rows: ROWS,
  });
  expect(report.mismatches).toEqual([]);
}, 180_000);
