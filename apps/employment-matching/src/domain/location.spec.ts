import { proximity } from './location';

const zacatecoluca = {
  municipalityCode: 'SV-PA-LA-PAZ-ESTE',
  districtCode: 'SV-PA-LA-PAZ-ESTE/ZACATECOLUCA',
  preferredMunicipalityCodes: [] as string[],
};

describe('proximity scale (no coordinates in the reference data)', () => {
  it.each([
    [
      { municipalityCode: 'SV-PA-LA-PAZ-ESTE', districtCode: 'SV-PA-LA-PAZ-ESTE/ZACATECOLUCA' },
      'same-district',
    ],
    [{ municipalityCode: 'SV-PA-LA-PAZ-ESTE', districtCode: null }, 'same-municipality'],
    [{ municipalityCode: 'SV-PA-LA-PAZ-CENTRO', districtCode: null }, 'same-department'],
    [{ municipalityCode: 'SV-SS-SAN-SALVADOR-CENTRO', districtCode: null }, 'elsewhere'],
  ])('places a vacancy in %p as %s', (vacancy, level) => {
    expect(proximity(zacatecoluca, vacancy)).toBe(level);
  });

  it('counts a municipality the person would work in as their own, and its department too', () => {
    const willing = { ...zacatecoluca, preferredMunicipalityCodes: ['SV-SS-SAN-SALVADOR-CENTRO'] };
    expect(
      proximity(willing, { municipalityCode: 'SV-SS-SAN-SALVADOR-CENTRO', districtCode: null }),
    ).toBe('same-municipality');
    expect(
      proximity(willing, { municipalityCode: 'SV-SS-SAN-SALVADOR-SUR', districtCode: null }),
    ).toBe('same-department');
  });

  it('places a candidate with no known residence by their preferences alone', () => {
    const unknown = { municipalityCode: null, districtCode: null, preferredMunicipalityCodes: [] };
    expect(proximity(unknown, { municipalityCode: 'SV-PA-LA-PAZ-ESTE', districtCode: null })).toBe(
      'elsewhere',
    );
  });
});
