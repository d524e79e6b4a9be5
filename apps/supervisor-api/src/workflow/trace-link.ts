/**
 * The trace viewer's (Jaeger's) search for one case: every span the services tag with the case id
 * (`case.id`, a pseudonymous id — spans never carry names). Undefined when no viewer is configured.
 */
export function traceSearchUrl(viewerUrl: string | undefined, caseId: string): string | undefined {
  if (!viewerUrl) return undefined;
  const tags = encodeURIComponent(JSON.stringify({ 'case.id': caseId }));
  // intake starts every case's traces; the viewer follows them into the other services.
  return `${viewerUrl.replace(/\/$/, '')}/search?service=intake&tags=${tags}&lookback=custom&limit=100`;
}
