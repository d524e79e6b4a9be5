/**
 * A failure worth trying again later, not a conflict for the officer: no network, the office
 * server cannot reach intake, the session ended (401: sent again after the officer signs in), or
 * the same key is still being handled (409 idempotency.in-progress). Refusals of the request itself
 * (an ApiError with its problem) are the officer's to resolve.
 */
export function isTransient(failure: unknown): boolean {
  const problem = (failure as { problem?: { status?: number; code?: string } } | null)?.problem;
  if (!problem) return true; // fetch itself failed: offline
  return (
    [401, 408, 429, 502, 503, 504].includes(problem.status ?? 0) ||
    problem.code === 'idempotency.in-progress'
  );
}
