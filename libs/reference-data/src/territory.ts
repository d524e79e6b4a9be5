import territory from './generated/territory.json';

export interface Department {
  readonly code: string;
  readonly name: string;
}
export interface Municipality {
  readonly code: string;
  readonly name: string;
  readonly departmentCode: string;
  readonly isDepartmentHead: boolean;
}
export interface District {
  readonly code: string;
  readonly name: string;
  readonly municipalityCode: string;
}

/** El Salvador's territory since 1 May 2024: 14 departments, 44 municipalities, 262 districts. */
export const departments: readonly Department[] = territory.departments;
export const municipalities: readonly Municipality[] = territory.municipalities;
export const districts: readonly District[] = territory.districts;

const municipalityByCode = new Map(municipalities.map((m) => [m.code, m]));
const districtByCode = new Map(districts.map((d) => [d.code, d]));

export function findMunicipality(code: string): Municipality | undefined {
  return municipalityByCode.get(code);
}

export function findDistrict(code: string): District | undefined {
  return districtByCode.get(code);
}
