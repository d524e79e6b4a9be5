import {
  departments,
  districts,
  findDistrict,
  findMunicipality,
  municipalities,
} from './territory';
import { findOccupation, isco08UnitGroups } from './occupations';

describe('territory reference data', () => {
  it('has the 2024 division: 14 departments, 44 municipalities, 262 districts', () => {
    expect(departments).toHaveLength(14);
    expect(municipalities).toHaveLength(44);
    expect(districts).toHaveLength(262);
    expect(new Set(districts.map((d) => d.code)).size).toBe(262);
  });

  it('places Zacatecoluca as a district of La Paz Este, the head municipality of La Paz', () => {
    const district = findDistrict('SV-PA-LA-PAZ-ESTE/ZACATECOLUCA');
    expect(district?.name).toBe('Zacatecoluca');
    const municipality = findMunicipality(district?.municipalityCode ?? '');
    expect(municipality).toMatchObject({ name: 'La Paz Este', isDepartmentHead: true });
  });

  it('has the 436 ISCO-08 unit groups with Spanish titles, keeping leading zeros', () => {
    expect(isco08UnitGroups).toHaveLength(436);
    expect(findOccupation('0110')?.titleEs).toBe('Oficiales de las fuerzas armadas');
    expect(findOccupation('9999')).toBeUndefined();
  });
});
