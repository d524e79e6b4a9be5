import { traceSearchUrl } from './trace-link';

describe('the case page’s link to its traces', () => {
  it('searches the viewer for the spans tagged with the case id', () => {
    const url = traceSearchUrl('http://127.0.0.1:56686/', '317fac73-f014-46b1-aa4c-5f22769c3f09');
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:56686\/search\?service=intake&tags=/);
    const tags = new URL(url ?? '').searchParams.get('tags');
    expect(JSON.parse(tags ?? '')).toEqual({ 'case.id': '317fac73-f014-46b1-aa4c-5f22769c3f09' });
  });

  it('offers no link when no viewer is configured', () => {
    expect(traceSearchUrl(undefined, '317fac73-f014-46b1-aa4c-5f22769c3f09')).toBeUndefined();
  });
});
