import { z } from 'zod';

/** What a relative is to a person: "B is A's child". */
export const RELATIONSHIPS = ['spouse', 'child', 'parent', 'sibling', 'other'] as const;
export const relationshipSchema = z
  .enum(RELATIONSHIPS)
  .describe('What the relative is to the person: spouse, child, parent, sibling, other');
export type Relationship = z.infer<typeof relationshipSchema>;

/** A family's roles on an arrival list: the head, and each other person as the head's relative. */
export const FAMILY_ROLES = ['head', ...RELATIONSHIPS] as const;
export const familyRoleSchema = z
  .enum(FAMILY_ROLES)
  .describe('In a family of the list: head, or what the person is to the head');
export type FamilyRole = z.infer<typeof familyRoleSchema>;

const INVERSE: Record<Relationship, Relationship> = {
  spouse: 'spouse',
  child: 'parent',
  parent: 'child',
  sibling: 'sibling',
  other: 'other',
};

/** If B is A's `relationship`, A is B's inverse (the link is stored both ways). */
export const inverseOf = (relationship: Relationship): Relationship => INVERSE[relationship];

/**
 * What `b` is to `a`, from their roles in a family of an arrival list. Derived only where the
 * roles say it (the head's relatives; the head's spouse is the parent of the head's children;
 * the head's children are siblings); anything else is `other`, for the officer to correct.
 */
export function relationBetween(a: FamilyRole, b: FamilyRole): Relationship {
  if (a === 'head') return b === 'head' ? 'other' : b;
  if (b === 'head') return inverseOf(a);
  if (a === 'spouse' && b === 'child') return 'child';
  if (a === 'child' && b === 'spouse') return 'parent';
  if (a === 'parent' && b === 'sibling') return 'child';
  if (a === 'sibling' && b === 'parent') return 'parent';
  if ((a === 'child' && b === 'child') || (a === 'sibling' && b === 'sibling')) return 'sibling';
  return 'other';
}
