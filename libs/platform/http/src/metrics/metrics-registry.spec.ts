import { routeLabel } from './http-metrics';
import { counterOf, metricsRegistry, scrapedGauge } from './metrics-registry';

describe('the metrics registry', () => {
  it('labels a request by its route template, never by the raw path with ids', () => {
    expect(routeLabel({ baseUrl: '', route: { path: '/returnees/:id' } })).toBe('/returnees/:id');
    expect(routeLabel({ baseUrl: '/api', route: { path: '/cases/:caseId' } })).toBe(
      '/api/cases/:caseId',
    );
    expect(routeLabel({ baseUrl: '' })).toBe('unmatched');
  });

  it('gives the same counter to every app of the process (no "already registered" error)', () => {
    const first = counterOf('test_things_total', 'Things', ['kind']);
    first.inc({ kind: 'a' });
    expect(counterOf('test_things_total', 'Things', ['kind'])).toBe(first);
  });

  it('reads scraped gauges from every source, skipping one that fails, until removed', async () => {
    const removeA = scrapedGauge('test_depth', 'Depth', ['source'], async () => [
      { labels: { source: 'a' }, value: 3 },
    ]);
    const removeB = scrapedGauge('test_depth', 'Depth', ['source'], async () => {
      throw new Error('database unreachable');
    });
    const text = await metricsRegistry.getSingleMetricAsString('test_depth');
    expect(text).toContain('test_depth{source="a"} 3');
    removeA();
    removeB();
    expect(await metricsRegistry.getSingleMetricAsString('test_depth')).not.toContain('source="a"');
  });
});
