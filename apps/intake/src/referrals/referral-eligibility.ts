import type { EligibilityFacts } from '@reintegra/event-contracts';

/**
 * What the service directory may know of the person to route a referral: age in whole years on
 * the day of the referral, sex only as the women-only rule needs it (a self-described `other` or
 * `undisclosed` gender is not turned into a sex: such services are then not proposed, never
 * guessed) and the district for nearest-first. Nothing else leaves intake for routing.
 */
export function eligibilityFacts(
  person: { dateOfBirth: string; gender: string },
  episode: { districtCode: string | null },
  on: Date,
): EligibilityFacts {
  const [year, month, day] = person.dateOfBirth.split('-').map(Number) as [number, number, number];
  const birthdayPassed =
    on.getUTCMonth() + 1 > month || (on.getUTCMonth() + 1 === month && on.getUTCDate() >= day);
  const ageYears = on.getUTCFullYear() - year - (birthdayPassed ? 0 : 1);
  const sex = person.gender === 'female' || person.gender === 'male' ? person.gender : undefined;
  return {
    ...(ageYears >= 0 && ageYears <= 130 ? { ageYears } : {}),
    ...(sex ? { sex } : {}),
    ...(episode.districtCode ? { districtCode: episode.districtCode } : {}),
  };
}
