import { PreconditionFailedError, PreconditionRequiredError } from '@reintegra/platform-errors';

/** The strong ETag of a resource at a row version (`"3"`). */
export function entityTag(version: number): string {
  return `"${version}"`;
}

/**
 * Optimistic concurrency for updates: the client sends back the ETag it read (every read of an
 * updatable resource answers it) in If-Match. Missing, or `*` (which would overwrite blindly) →
 * 428; no tag equal to the current one by strong comparison (a weak `W/"3"` never is) → 412.
 */
export function assertIfMatch(ifMatch: string | undefined, currentVersion: number): void {
  const tags = (ifMatch ?? '')
    .split(',')
    .map((tag) => tag.trim())
    .filter((tag) => tag !== '');
  if (tags.length === 0 || tags.includes('*')) throw new PreconditionRequiredError();
  const current = entityTag(currentVersion);
  if (!tags.includes(current)) throw new PreconditionFailedError(current);
}
