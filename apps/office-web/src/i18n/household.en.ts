import type { HouseholdMessages } from './household.es';

/** Households and minors' guardians in English. */
export const householdEn: HouseholdMessages = {
  title: 'Household',
  none: 'No relatives recorded in the household.',
  returnee: 'returnee',
  familyMember: 'did not return',
  openCase: 'Open their case',
  relationships: {
    spouse: 'Spouse or partner',
    child: 'Child',
    parent: 'Parent',
    sibling: 'Sibling',
    other: 'Other relative',
  },
  guardian: 'Guardian',
  noGuardian: 'A minor without a recorded guardian: their parent or guardian gives consent.',
  capacities: {
    parent: 'Parent',
    'legal-guardian': 'Legal guardian',
    relative: 'Relative',
    other: 'Another adult',
  },
  guardianLegend: 'Who gives consent for the minor',
  guardianFirstNames: "Guardian's first names",
  guardianLastNames: "Guardian's last names",
  guardianCapacity: 'Relationship to the minor',
  guardianPhone: "Guardian's phone (optional)",
};
