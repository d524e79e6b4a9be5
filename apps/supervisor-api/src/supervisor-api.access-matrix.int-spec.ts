import {
  eventually,
  MATRIX_HOME,
  type MatrixRow,
  PLATFORM_ROWS,
  runAccessMatrix,
  testToken,
} from '@reintegra/testing';
import { SupervisorApiTestBed } from './testing/supervisor-api-test-bed';

/**
 * Who may call what on the dashboard: supervisors see and act on their municipality's cases
 * (another municipality's case looks like none: 404), a national supervisor every case; nobody
 * else gets in. Organisations play no part. The settings and the development sign-in are
 * public (here the stubbed identity provider has no demo users).
 */
const api = new SupervisorApiTestBed();
let caseId: string;

const OUTCOMES = {
  questionnaireVersion: 'pulse-2026-12',
  municipalityCode: MATRIX_HOME,
  minimumCell: 5,
  items: [],
};

const dashboard = (status: number) =>
  ({ supervisor: status, 'national-supervisor': status }) as const;
/** A case of MATRIX_HOME: its supervisor and the national one; another municipality's: none. */
const onCase = (status: number) =>
  ({ supervisor: [status, 404, status], 'national-supervisor': status }) as const;

// prettier-ignore
const ROWS: MatrixRow[] = [
  ...PLATFORM_ROWS,
  { route: 'GET /api/settings', request: () => ({ path: '/api/settings' }), publicStatus: 200 },
  { route: 'GET /api/dev/users', request: () => ({ path: '/api/dev/users' }), publicStatus: 200 },
  { route: 'POST /api/dev/login', request: () => ({ path: '/api/dev/login', body: { user: 'supervisora-la-paz-este' } }), publicStatus: 404 },
  { route: 'GET /api/me', request: () => ({ path: '/api/me' }), allow: dashboard(200) },
  { route: 'GET /api/municipalities', request: () => ({ path: '/api/municipalities' }), allow: dashboard(200) },
  { route: 'GET /api/alerts', request: () => ({ path: '/api/alerts' }), allow: dashboard(200) },
  { route: 'GET /api/overview', request: () => ({ path: '/api/overview' }), allow: dashboard(200) },
  { route: 'GET /api/overview/workflows', request: () => ({ path: '/api/overview/workflows' }), allow: dashboard(200) },
  { route: 'GET /api/cases', request: () => ({ path: '/api/cases' }), allow: dashboard(200) },
  { route: 'GET /api/cases/:caseId', request: () => ({ path: `/api/cases/${caseId}` }), allow: onCase(200) },
  { route: 'GET /api/approvals', request: () => ({ path: '/api/approvals' }), allow: dashboard(200) },
  { route: 'POST /api/cases/:caseId/plan/approval', request: () => ({ path: `/api/cases/${caseId}/plan/approval`, body: { planVersion: 2 } }), allow: onCase(200) },
  // Intake (stubbed) answers that the case is closed already: past the access check, its 409.
  { route: 'POST /api/cases/:caseId/closure', request: () => ({ path: `/api/cases/${caseId}/closure`, body: { reason: 'disengaged' } }), allow: onCase(409) },
  // Only a supervisor of the case's municipality acts on its path; no path runs in this suite, so
  // past the access check Temporal's answer is 409 path.not-running.
  { route: 'POST /api/cases/:caseId/path/officer', request: () => ({ path: `/api/cases/${caseId}/path/officer`, body: { officerId: 'user:oficial-2' } }), allow: { supervisor: [409, 404, 409] } },
  { route: 'POST /api/cases/:caseId/path/pause', request: () => ({ path: `/api/cases/${caseId}/path/pause`, body: { paused: true, reasonCode: 'hospitalised' } }), allow: { supervisor: [409, 404, 409] } },
  { route: 'GET /api/indicators', request: () => ({ path: '/api/indicators' }), allow: dashboard(200) },
  { route: 'GET /api/indicators.csv', request: () => ({ path: '/api/indicators.csv' }), allow: dashboard(200) },
  { route: 'GET /api/caseload', request: () => ({ path: '/api/caseload' }), allow: dashboard(200) },
  { route: 'GET /api/community-inclusion', request: () => ({ path: '/api/community-inclusion' }), allow: dashboard(200) },
  // Naming another municipality is refused, not silently replaced.
  { route: 'GET /api/community-inclusion/cohesion', request: () => ({ path: `/api/community-inclusion/cohesion?municipality=${MATRIX_HOME}` }), allow: { supervisor: [200, 403, 200], 'national-supervisor': 200 } },
];

beforeAll(async () => {
  await api.start(OUTCOMES);
  caseId = await api.registerCase(MATRIX_HOME);
  const national = await testToken({ roles: ['national-supervisor'] });
  await eventually(
    async () =>
      expect(
        (await fetch(`${api.url}/api/cases/${caseId}`, { headers: { authorization: national } }))
          .status,
      ).toBe(200),
    { timeoutMs: 60_000, intervalMs: 250 },
  );
}, 120_000);

afterAll(async () => {
  await api?.stop();
});

it('answers every route × role × municipality × organisation, and every bad token, as the table says', async () => {
  const report = await runAccessMatrix({
    app: api.app,
    url: api.url,
    organisation: 'matrix-org',
    otherOrganisation: 'matrix-otra',
    rows: ROWS,
  });
  expect(report.mismatches).toEqual([]);
}, 120_000);
