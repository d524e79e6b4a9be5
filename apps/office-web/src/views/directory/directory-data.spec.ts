import {
  type DirectoryService,
  type LocalFilter,
  matches,
  nearestFirst,
  numberOf,
  placeOf,
  scheduleDraftOf,
  scheduleOf,
} from './directory-data';

const service = (patch: Partial<DirectoryService>): DirectoryService => ({
  id: 's',
  organizationId: 'org',
  locationId: 'l',
  name: 'Albergue',
  description: null,
  serviceType: 'housing',
  status: 'active',
  minimumAge: null,
  maximumAge: null,
  womenOnly: false,
  requiredDocuments: [],
  languages: ['es'],
  schedules: [],
  capacityReported: null,
  capacityLive: null,
  capacityAvailable: null,
  municipalityCode: 'SV-PA-LA-PAZ-ESTE',
  districtCode: null,
  ...patch,
});
const none: LocalFilter = { districtCode: '', withPlaces: false, audience: '', text: '' };

describe('the directory screen filters', () => {
  it('keeps only services with free places, unknown capacity counting as none', () => {
    const filter = { ...none, withPlaces: true };
    expect(matches(service({ capacityAvailable: 2 }), undefined, filter)).toBe(true);
    expect(matches(service({ capacityAvailable: 0 }), undefined, filter)).toBe(false);
    expect(matches(service({ capacityAvailable: null }), undefined, filter)).toBe(false);
  });

  it('tells women-only services from those for everyone', () => {
    const women = service({ womenOnly: true });
    expect(matches(women, undefined, { ...none, audience: 'women-only' })).toBe(true);
    expect(matches(women, undefined, { ...none, audience: 'everyone' })).toBe(false);
    expect(matches(service({}), undefined, { ...none, audience: 'women-only' })).toBe(false);
  });

  it('filters by district and by the words of the service or its organisation', () => {
    const here = service({ districtCode: 'SV-PA-LA-PAZ-ESTE/ZACATECOLUCA' });
    expect(matches(here, undefined, { ...none, districtCode: here.districtCode ?? '' })).toBe(true);
    expect(
      matches(here, undefined, { ...none, districtCode: 'SV-PA-LA-PAZ-ESTE/SAN-JUAN-NONUALCO' }),
    ).toBe(false);
    const organization = {
      id: 'org',
      name: 'Casa Esperanza',
      description: '',
      municipalityCode: 'SV-PA-LA-PAZ-ESTE',
    };
    expect(matches(here, organization, { ...none, text: 'esperanza' })).toBe(true);
    expect(matches(here, organization, { ...none, text: 'clínica' })).toBe(false);
  });
});

describe('the plan picker order', () => {
  it('puts the case district first, then more known free places, then names', () => {
    const ordered = nearestFirst(
      [
        service({ id: 'far-many', districtCode: 'B', capacityAvailable: 9 }),
        service({ id: 'near-unknown', districtCode: 'A', capacityAvailable: null }),
        service({ id: 'near-two', districtCode: 'A', capacityAvailable: 2 }),
        service({ id: 'far-none', districtCode: 'B', capacityAvailable: 0 }),
      ],
      'A',
    );
    expect(ordered.map((s) => s.id)).toEqual(['near-two', 'near-unknown', 'far-many', 'far-none']);
  });
});

describe('directory values as the API takes them', () => {
  it('writes schedule days in week order and reads them back', () => {
    const draft = { days: ['FR', 'MO', 'WE'], opens: '08:00', closes: '12:00' };
    expect(scheduleOf(draft)).toEqual({ byday: 'MO,WE,FR', opens_at: '08:00', closes_at: '12:00' });
    expect(scheduleDraftOf(scheduleOf(draft)).days).toEqual(['MO', 'WE', 'FR']);
  });

  it('sends an empty number as no limit and text that is no number as typed', () => {
    expect(numberOf(' ')).toBeNull();
    expect(numberOf('18')).toBe(18);
    expect(numberOf('abc')).toBe('abc');
  });

  it('names the place by district and municipality', () => {
    expect(
      placeOf({
        municipalityCode: 'SV-PA-LA-PAZ-ESTE',
        districtCode: 'SV-PA-LA-PAZ-ESTE/ZACATECOLUCA',
      }),
    ).toBe('Zacatecoluca, La Paz Este');
    expect(placeOf({ municipalityCode: 'SV-PA-LA-PAZ-ESTE', districtCode: null })).toBe(
      'La Paz Este',
    );
  });
});
