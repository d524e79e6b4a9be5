import { z } from 'zod';
import { bilingual, localizeIssues, preferredLanguage } from './localized-issues';

describe('localized validation issues', () => {
  const schema = z.object({
    name: z.string().min(2),
    code: z.string().refine((v) => v === 'ok', bilingual('código no válido', 'invalid code')),
  });

  it('renders built-in and custom messages in Spanish and English', () => {
    const result = schema.safeParse({ name: 'a', code: 'no' });
    expect(result.success).toBe(false);
    if (result.success) return;
    const es = localizeIssues(result.error.issues, 'es');
    const en = localizeIssues(result.error.issues, 'en');
    expect(es).toEqual([
      { field: 'name', message: expect.stringMatching(/demasiado pequeño|al menos/i) },
      { field: 'code', message: 'código no válido' },
    ]);
    expect(en[1]).toEqual({ field: 'code', message: 'invalid code' });
    expect(en[0]?.message).toMatch(/too small/i);
  });

  it('prefers Spanish unless the first accepted language is English', () => {
    expect(preferredLanguage(undefined)).toBe('es');
    expect(preferredLanguage('es-SV,es;q=0.9,en;q=0.5')).toBe('es');
    expect(preferredLanguage('en-US,en;q=0.9')).toBe('en');
  });
});
