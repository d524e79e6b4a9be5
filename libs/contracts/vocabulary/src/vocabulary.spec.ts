import * as vocabulary from './index';
import { ACKNOWLEDGEMENT_HOURS, REFERRAL_PRIORITIES } from './index';

describe('vocabulary', () => {
  const lists = Object.entries(vocabulary).filter(([, value]) => Array.isArray(value));

  it.each(lists)('%s holds distinct kebab-case codes', (_name, codes) => {
    const list = codes as readonly string[];
    expect(list.length).toBeGreaterThan(0);
    expect(new Set(list).size).toBe(list.length);
    for (const code of list) expect(code).toMatch(/^[a-z][a-z0-9-]*$/);
  });

  it('sets an acknowledgement deadline for every priority', () => {
    expect(Object.keys(ACKNOWLEDGEMENT_HOURS).sort()).toEqual([...REFERRAL_PRIORITIES].sort());
  });
});
