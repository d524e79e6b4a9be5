import { CONSENT_CHOICES, CONSENT_FORM_VERSION, CONSENT_TEXT, consentBody } from './consent-texts';
import {
  type ArrivalEntry,
  duplicatesOf,
  episodeBody,
  formFromBody,
  formFromEntry,
  registrationBody,
} from './registration';

const entry: ArrivalEntry = {
  id: '5b0c4f0e-8d6e-4c53-9a51-0b8f3b0f8a11',
  row: 3,
  transport: 'flight',
  tripNumber: 'GXA1234',
  arrivalDate: '2026-12-03',
  receptionPoint: 'aeropuerto-internacional-san-oscar-romero',
  countryReturnedFrom: 'US',
  firstNames: 'Rosa Elena',
  lastNames: 'Martínez',
  dateOfBirth: '1985-04-12',
  gender: 'female',
  dui: null,
  municipalityCode: null,
  status: 'pending',
  returneeId: null,
};

describe('registration from an arrival entry', () => {
  it('pre-fills the form; the municipality defaults to the officer’s', () => {
    const form = formFromEntry(entry, 'SV-PA-LA-PAZ-ESTE');
    expect(form).toMatchObject({
      dui: '',
      firstNames: 'Rosa Elena',
      returnDate: '2026-12-03',
      receptionPoint: 'aeropuerto-internacional-san-oscar-romero',
      municipalityCode: 'SV-PA-LA-PAZ-ESTE',
      districtCode: '',
    });
    expect(
      formFromEntry({ ...entry, municipalityCode: 'SV-SS-SAN-SALVADOR-CENTRO' }, null),
    ).toMatchObject({ municipalityCode: 'SV-SS-SAN-SALVADOR-CENTRO' });
  });

  it('sends only what was filled, linked to the entry', () => {
    const form = { ...formFromEntry(entry, 'SV-PA-LA-PAZ-ESTE'), lastNames: ' Martínez  ' };
    expect(registrationBody(form, entry.id)).toEqual({
      firstNames: 'Rosa Elena',
      lastNames: 'Martínez',
      dateOfBirth: '1985-04-12',
      gender: 'female',
      returnDate: '2026-12-03',
      countryReturnedFrom: 'US',
      receptionPoint: 'aeropuerto-internacional-san-oscar-romero',
      municipalityCode: 'SV-PA-LA-PAZ-ESTE',
      arrivalEntryId: entry.id,
    });
    const full = {
      ...form,
      dui: '04567890-1',
      phone: '7777-1234',
      districtCode: 'SV-PA-LA-PAZ-ESTE/ZACATECOLUCA',
      countryReturnedFrom: 'mx',
    };
    expect(registrationBody(full, undefined, true)).toMatchObject({
      dui: '04567890-1',
      contact: { phone: '7777-1234' },
      districtCode: 'SV-PA-LA-PAZ-ESTE/ZACATECOLUCA',
      countryReturnedFrom: 'MX',
      confirmedNewPerson: true,
    });
    expect(episodeBody(full)).toEqual({
      returnDate: '2026-12-03',
      countryReturnedFrom: 'MX',
      receptionPoint: 'aeropuerto-internacional-san-oscar-romero',
      municipalityCode: 'SV-PA-LA-PAZ-ESTE',
      districtCode: 'SV-PA-LA-PAZ-ESTE/ZACATECOLUCA',
    });
  });

  it('gives back the form of a queued registration (to compare it with the records found)', () => {
    const full = {
      ...formFromEntry(entry, 'SV-PA-LA-PAZ-ESTE'),
      dui: '04567890-1',
      phone: '7777-1234',
      districtCode: 'SV-PA-LA-PAZ-ESTE/ZACATECOLUCA',
    };
    expect(formFromBody(registrationBody(full, entry.id))).toEqual(full);
    expect(formFromBody({ firstNames: 'Rosa', contact: 'x' })).toMatchObject({
      firstNames: 'Rosa',
      dui: '',
      phone: '',
    });
  });
});

describe('duplicates offered by intake (409)', () => {
  const id = '0f9a6c1e-2b3d-4e5f-8a9b-1c2d3e4f5a6b';
  it('reads the candidates of a possible duplicate', () => {
    expect(
      duplicatesOf({
        status: 409,
        code: 'returnee.possible-duplicate',
        title: '…',
        extensions: {
          candidates: [
            {
              returneeId: id,
              link: `/returnees/${id}`,
              nameSimilarity: 0.82,
              sameDateOfBirth: true,
            },
            { nothing: true },
          ],
        },
      }),
    ).toEqual([{ returneeId: id, nameSimilarity: 0.82, sameDateOfBirth: true, sameDui: false }]);
  });

  it('reads the person with the same DUI from the existing link', () => {
    expect(
      duplicatesOf({
        status: 409,
        code: 'returnee.duplicate-dui',
        title: '…',
        existing: `/returnees/${id}`,
      }),
    ).toEqual([{ returneeId: id, nameSimilarity: null, sameDateOfBirth: null, sameDui: true }]);
  });

  it('is not a duplicate for other problems', () => {
    expect(
      duplicatesOf({ status: 409, code: 'arrival-entry.already-registered', title: '' }),
    ).toBeUndefined();
    expect(duplicatesOf({ status: 400, code: 'request.invalid', title: '' })).toBeUndefined();
  });
});

describe('the consent form', () => {
  it('has a text for every choice in both languages, and sends its version with each consent', () => {
    for (const language of ['es', 'en'] as const)
      for (const choice of CONSENT_CHOICES)
        expect(CONSENT_TEXT[language].choices[choice.key]).toBeTruthy();
    expect(
      consentBody({ key: 'employment', purpose: 'service-referral', scope: 'employment' }),
    ).toEqual({
      purpose: 'service-referral',
      scope: 'employment',
      formVersion: CONSENT_FORM_VERSION,
    });
    expect(consentBody({ key: 'statistics', purpose: 'statistics' })).toEqual({
      purpose: 'statistics',
      formVersion: CONSENT_FORM_VERSION,
    });
  });
});
