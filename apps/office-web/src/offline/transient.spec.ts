import { isTransient } from './transient';

/** What the API client throws for a problem+json answer: an error carrying the problem. */
const refused = (status: number, code: string) =>
  Object.assign(new Error(code), { problem: { status, code, title: code } });

describe('what the offline queue retries and what it shows the officer', () => {
  it('retries a lost network, an unreachable intake, an ended session and a key still being handled', () => {
    expect(isTransient(new TypeError('Failed to fetch'))).toBe(true);
    expect(isTransient(refused(502, 'gateway.upstream-unavailable'))).toBe(true);
    expect(isTransient(refused(401, 'auth.unauthenticated'))).toBe(true);
    expect(isTransient(refused(409, 'idempotency.in-progress'))).toBe(true);
  });

  it('shows a refusal of the request itself as a conflict', () => {
    expect(isTransient(refused(409, 'returnee.duplicate-dui'))).toBe(false);
    expect(isTransient(refused(400, 'request.invalid'))).toBe(false);
    expect(isTransient(refused(422, 'idempotency.key-reused'))).toBe(false);
  });
});
