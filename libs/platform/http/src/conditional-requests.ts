import { PreconditionFailedError, PreconditionRequiredError } from '@reintegra/platform-errors';

/** The strong ETag of a resource at a row version (`"3"`). */
export function entityTag(version: number): string {
  return `"${version}"`;
}

/**
 * Optimistic concurrency for updates: the client sends back the ETag it read in If-Match.
 * Missing → 428, different from the current version → 412; `*` matches any current version.
 */
export function assertIfMatch(ifMatch: string | undefined, currentVersion: number): void {
  if (ifMatch === undefined || ifMatch.trim() === '') throw new PreconditionRequiredError();
  const current = entityTag(currentVersion);
  const tags = ifMatch.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
  if (!tags.includes('*') && !tags.includes(current)) throw new PreconditionFailedError(current);
}
