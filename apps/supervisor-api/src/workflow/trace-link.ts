/**
 * The trace viewer's (Zipkin's) search for one case: every trace with a span the services tag with
 * the case id (`case.id`, a pseudonymous id — spans never carry names), over the week before `now`.
 * `viewerUrl` is Zipkin's base URL (its UI is under `/zipkin/`). Undefined when no viewer is set.
 */
export function traceSearchUrl(
  viewerUrl: string | undefined,
  caseId: string,
  now: Date = new Date(),
): string | undefined {
  if (!viewerUrl) return undefined;
  const query = new URLSearchParams({
    annotationQuery: `case.id=${caseId}`,
    lookback: '7d',
    endTs: String(now.getTime()),
    limit: '100',
  });
  return `${viewerUrl.replace(/\/$/, '')}/zipkin/?${query.toString()}`;
}
