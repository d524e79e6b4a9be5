import { ageInSeconds, announcedAge, updatedAgo } from './freshness';

describe('freshness of figures', () => {
  it('says how old the figures are, Spanish first, in seconds, minutes or hours', () => {
    expect(updatedAgo(0, 'es')).toBe('Actualizado hace 0 s');
    expect(updatedAgo(29, 'es')).toBe('Actualizado hace 29 s');
    expect(updatedAgo(29, 'en')).toBe('Updated 29 s ago');
    expect(updatedAgo(60, 'es')).toBe('Actualizado hace 1 min');
    expect(updatedAgo(3599, 'en')).toBe('Updated 59 min ago');
    expect(updatedAgo(7300, 'es')).toBe('Actualizado hace 2 h');
  });

  it('counts whole seconds from generatedAt and never goes negative on a slow browser clock', () => {
    const generatedAt = '2026-12-04T05:00:00.000Z';
    expect(ageInSeconds(generatedAt, Date.parse('2026-12-04T05:00:12.900Z'))).toBe(12);
    expect(ageInSeconds(generatedAt, Date.parse('2026-12-04T04:59:58.000Z'))).toBe(0);
  });

  it('tells screen readers only at a few thresholds, not every second', () => {
    const spoken = new Set(
      Array.from({ length: 7200 }, (_, second) => updatedAgo(announcedAge(second), 'es')),
    );
    expect([...spoken]).toEqual([
      'Actualizado hace 0 s',
      'Actualizado hace 30 s',
      'Actualizado hace 1 min',
      'Actualizado hace 5 min',
      'Actualizado hace 15 min',
      'Actualizado hace 30 min',
      'Actualizado hace 1 h',
    ]);
    expect(announcedAge(29)).toBe(0);
    expect(announcedAge(10_900)).toBe(10_800);
  });
});
