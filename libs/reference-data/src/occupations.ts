import isco from './generated/isco08-unit-groups.json';

export interface OccupationUnitGroup {
  readonly code: string;
  readonly titleEn: string;
  readonly titleEs: string;
}

/** The 436 ISCO-08 unit groups (4-digit codes) with English and Spanish (CIUO-08) titles. */
export const isco08UnitGroups: readonly OccupationUnitGroup[] = isco.occupations;

const byCode = new Map(isco08UnitGroups.map((o) => [o.code, o]));

export function findOccupation(code: string): OccupationUnitGroup | undefined {
  return byCode.get(code);
}
