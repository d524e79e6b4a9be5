import { codeOccupation, lookupOccupations, unknownSynonymCodes } from './occupations';
import { normaliseSkill, skillLabel } from './skills';

describe('occupation synonyms → ISCO-08', () => {
  it.each([
    ['albañil', '7112'],
    ['Albañilería', '7112'],
    ['construcción', '9313'],
    ['Trabajó en la CONSTRUCCION en Houston', '9313'],
    ['tablaroca', '7123'],
    ['drywall', '7123'],
    ['ayudante de albañil', '9313'],
    ['motorista de rastra', '8332'],
    ['forklift operator', '8344'],
    ['7112', '7112'],
  ])('codes %p as %s', (text, code) => {
    expect(codeOccupation(text)).toBe(code);
  });

  it('prefers the longest term: "ayudante de albañil" is a labourer, not a bricklayer', () => {
    const [first, second] = lookupOccupations('ayudante de albañil');
    expect(first).toMatchObject({ iscoCode: '9313', source: 'synonym' });
    expect(second).toMatchObject({ iscoCode: '7112', source: 'synonym' });
  });

  it('falls back to ISCO titles for a lookup, but never codes from a title alone', () => {
    const matches = lookupOccupations('fotógrafo de bodas');
    expect(matches[0]).toMatchObject({ iscoCode: '3431', source: 'title' });
    expect(codeOccupation('fotógrafo de bodas')).toBeUndefined();
  });

  it('finds nothing for an unknown code or empty text', () => {
    expect(lookupOccupations('9999')).toEqual([]);
    expect(lookupOccupations('  ¿? ')).toEqual([]);
    expect(codeOccupation('9999')).toBeUndefined();
  });

  it('only uses codes that exist in ISCO-08', () => {
    expect(unknownSynonymCodes()).toEqual([]);
  });
});

describe('skill codes', () => {
  it.each([
    ['Drywall', 'tablaroca'],
    ['Tabla roca', 'tablaroca'],
    ['Lectura de planos', 'lectura-de-planos'],
    ['OSHA 10', 'osha-10'],
    ['Inglés', 'ingles-conversacional'],
    ['Herramienta eléctrica', 'uso-de-herramienta-electrica'],
    ['Blueprint reading', 'lectura-de-planos'],
    ['Operación de grúa torre', 'operacion-de-grua-torre'],
  ])('normalises %p to %s', (text, code) => {
    expect(normaliseSkill(text)).toBe(code);
  });

  it('refuses text with nothing usable and labels known codes in both languages', () => {
    expect(normaliseSkill('¡!')).toBeUndefined();
    expect(skillLabel('tablaroca')).toEqual({ es: 'Tablaroca', en: 'Drywall' });
    expect(skillLabel('algo-nuevo')).toEqual({ es: 'algo-nuevo', en: 'algo-nuevo' });
  });
});
