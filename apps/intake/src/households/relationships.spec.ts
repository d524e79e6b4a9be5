import { FAMILY_ROLES, inverseOf, relationBetween } from './relationships';

describe('family relationships', () => {
  it('reads a family of four from their roles: head, spouse and two children', () => {
    expect(relationBetween('head', 'spouse')).toBe('spouse');
    expect(relationBetween('head', 'child')).toBe('child');
    expect(relationBetween('child', 'head')).toBe('parent');
    expect(relationBetween('spouse', 'child')).toBe('child');
    expect(relationBetween('child', 'spouse')).toBe('parent');
    expect(relationBetween('child', 'child')).toBe('sibling');
  });

  it('is the inverse seen from the other side, for every pair of roles', () => {
    for (const a of FAMILY_ROLES) {
      for (const b of FAMILY_ROLES) {
        expect(relationBetween(b, a)).toBe(inverseOf(relationBetween(a, b)));
      }
    }
  });

  it('does not guess what the roles do not say', () => {
    expect(relationBetween('parent', 'child')).toBe('other'); // a grandparent
    expect(relationBetween('spouse', 'parent')).toBe('other'); // an in-law
  });
});
