import type { directoryEs } from './directory.es';

/** The service directory and the plan's provider picker, in English. */
export const directoryEn: typeof directoryEs = {
  title: 'Service directory',
  intro:
    "Each municipality's partner organisations and their services: who they are for, when they open and how many places they have.",
  filters: 'Filter services',
  municipality: 'Municipality',
  district: 'District',
  anyMunicipality: 'All municipalities',
  anyDistrict: 'All districts',
  serviceType: 'Type of service',
  anyType: 'All types',
  status: 'Status',
  anyStatus: 'All statuses',
  audience: 'Who for',
  audiences: { '': 'Anyone', 'women-only': 'Women only', everyone: 'Open to everyone' },
  withPlaces: 'Only with free places',
  search: 'Search by name',
  found: (n: number) => (n === 1 ? '1 service' : `${n} services`),
  none: 'No service matches the filters.',
  servicesLabel: 'Services found',
  place: 'Place',
  forWhom: 'Who for',
  schedule: 'Opening hours',
  languages: 'Languages',
  places: 'Free places',
  noSchedule: 'No published hours',
  everyone: 'Everyone',
  womenOnly: 'Women only',
  ages: (min: number | null, max: number | null) =>
    min !== null && max !== null
      ? `${min} to ${max} years old`
      : min !== null
        ? `${min} years and older`
        : max !== null
          ? `up to ${max} years old`
          : 'all ages',
  bring: (documents: string) => `Bring: ${documents}`,
  freePlaces: (n: number | null) =>
    n === null ? 'not reported' : n === 0 ? 'no places' : n === 1 ? '1 place' : `${n} places`,
  liveNote: 'from open groups and vacancies',
  statuses: {
    active: 'active',
    inactive: 'inactive',
    'temporarily closed': 'temporarily closed',
    defunct: 'no longer exists',
  },
  days: { MO: 'Mon', TU: 'Tue', WE: 'Wed', TH: 'Thu', FR: 'Fri', SA: 'Sat', SU: 'Sun' },
  dayNames: {
    MO: 'Monday',
    TU: 'Tuesday',
    WE: 'Wednesday',
    TH: 'Thursday',
    FR: 'Friday',
    SA: 'Saturday',
    SU: 'Sunday',
  },
  documents: {
    dui: 'DUI',
    'birth-certificate': 'birth certificate',
    passport: 'passport',
    'proof-of-address': 'proof of address',
    'deportation-record': 'return record',
    'medical-record': 'medical record',
    'guardian-authorisation': "guardian's authorisation",
  },
  edit: 'Edit service',
  editLabel: (name: string) => `Edit service: ${name}`,
  editOrganization: 'Edit organisation',
  editOrganizationLabel: (name: string) => `Edit organisation: ${name}`,
  editTitle: (name: string) => `Edit: ${name}`,
  organizationName: 'Organisation name',
  organizationDescription: 'Organisation description',
  freePlacesField: 'Free places',
  freePlacesLiveHelp:
    'This service gets live places from its groups or vacancies: what you type here is used only when there are none.',
  minimumAge: 'Minimum age',
  maximumAge: 'Maximum age',
  ageHelp: 'Empty: no limit.',
  womenOnlyField: 'Women only',
  requiredDocuments: 'Documents to bring',
  schedules: 'Opening hours',
  scheduleRow: (n: number) => `Hours ${n}`,
  opens: 'Opens',
  closes: 'Closes',
  addSchedule: 'Add hours',
  removeSchedule: (n: number) => `Remove hours ${n}`,
  save: 'Save changes',
  cancel: 'Cancel',
  saved: (name: string) => `Changes saved: ${name}.`,
  nothingChanged: 'Nothing changed.',
  lastWriteWins:
    'The directory does not warn when someone else changes this service at the same time: the last save stays.',
  picker: {
    provider: 'Directory service that receives it',
    choose: 'Choose a service',
    help: (municipality: string) =>
      `Active services of this type in ${municipality}, nearest first.`,
    none: 'The directory has no active service of this type in the municipality. Talk to your supervisor.',
    current: (ids: string) => `Already chosen: ${ids}`,
    option: (organization: string, service: string, place: string, places: string, who: string) =>
      `${organization} · ${service} (${place}) · ${places} · ${who}`,
    unreachable: 'The service directory does not answer: type the code of the receiving office.',
    typed: 'Code of the receiving office',
    typedHelp: 'For example: oficina-empleo-la-paz-este',
  },
};
