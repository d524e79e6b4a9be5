import { PLATFORM_ROWS, runAccessMatrix } from '@reintegra/testing';
import { startNotifications, type TestNotifications } from './testing/notifications-test-bed';

/**
 * Notifications has no routes of its own (it reacts to events): only the platform's health and
 * metrics, open to anyone. A route added later fails here until the table says who may call it.
 */
let service: TestNotifications;

beforeAll(async () => {
  service = await startNotifications({});
}, 60_000);

afterAll(async () => {
  await service?.stop();
});

it('answers every route × role × municipality × organisation, and every bad token, as the table says', async () => {
  const report = await runAccessMatrix({
    app: service.app,
    url: service.url,
    organisation: 'matrix-org',
    otherOrganisation: 'matrix-otra',
    rows: PLATFORM_ROWS,
  });
  expect(report.mismatches).toEqual([]);
});
