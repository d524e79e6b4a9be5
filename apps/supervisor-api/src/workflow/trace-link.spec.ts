import { traceSearchUrl } from './trace-link';

describe('the case page’s link to its traces', () => {
  const caseId = '317fac73-f014-46b1-aa4c-5f22769c3f09';

  it('searches Zipkin for the traces tagged with the case id, over the last week', () => {
    const now = new Date('2026-12-04T16:00:00Z');
    const url = new URL(traceSearchUrl('http://127.0.0.1:59411/', caseId, now) ?? '');
    expect(`${url.origin}${url.pathname}`).toBe('http://127.0.0.1:59411/zipkin/');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      annotationQuery: `case.id=${caseId}`,
      lookback: '7d',
      endTs: String(now.getTime()),
      limit: '100',
    });
  });

  it('offers no link when no viewer is configured', () => {
    expect(traceSearchUrl(undefined, caseId)).toBeUndefined();
  });
});
