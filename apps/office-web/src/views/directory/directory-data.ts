import { findDistrict, findMunicipality } from '@reintegra/reference-data';

/** A service as the service directory answers it (HSDS 3 names, our codes). */
export interface DirectoryService {
  id: string;
  organizationId: string;
  locationId: string;
  name: string;
  description: string | null;
  serviceType: string;
  status: string;
  minimumAge: number | null;
  maximumAge: number | null;
  womenOnly: boolean;
  requiredDocuments: string[];
  languages: string[];
  schedules: Schedule[];
  capacityReported: number | null;
  capacityLive: number | null;
  capacityAvailable: number | null;
  municipalityCode: string;
  districtCode: string | null;
}

export interface Schedule {
  byday: string;
  opens_at: string;
  closes_at: string;
  description?: string;
}

export interface DirectoryOrganization {
  id: string;
  name: string;
  description: string;
  municipalityCode: string;
}

/** RFC 5545 days, in the order an officer reads a week. */
export const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export const STATUSES = ['active', 'inactive', 'temporarily closed', 'defunct'] as const;
export { SERVICE_DOCUMENT_KINDS as DOCUMENTS } from '@reintegra/vocabulary';

export type Audience = '' | 'women-only' | 'everyone';

/** What the screen filters on its side (the API filters type, municipality and status). */
export interface LocalFilter {
  districtCode: string;
  withPlaces: boolean;
  audience: Audience;
  text: string;
}

export function matches(
  service: DirectoryService,
  organization: DirectoryOrganization | undefined,
  filter: LocalFilter,
): boolean {
  if (filter.districtCode && service.districtCode !== filter.districtCode) return false;
  if (filter.withPlaces && !((service.capacityAvailable ?? 0) > 0)) return false;
  if (filter.audience === 'women-only' && !service.womenOnly) return false;
  if (filter.audience === 'everyone' && service.womenOnly) return false;
  const words = filter.text.trim().toLocaleLowerCase();
  if (!words) return true;
  return [service.name, organization?.name ?? '', service.organizationId]
    .join(' ')
    .toLocaleLowerCase()
    .includes(words);
}

/** Where the service is: district and municipality of the 2024 territory. */
export function placeOf(service: Pick<DirectoryService, 'municipalityCode' | 'districtCode'>) {
  const municipality = findMunicipality(service.municipalityCode)?.name ?? service.municipalityCode;
  const district = service.districtCode ? findDistrict(service.districtCode)?.name : undefined;
  return district ? `${district}, ${municipality}` : municipality;
}

/**
 * The plan picker's order: nearest first (the case's district, then the rest of its
 * municipality), then known free places before unknown and more before fewer, then the name.
 */
export function nearestFirst(
  services: readonly DirectoryService[],
  districtCode: string | null,
): DirectoryService[] {
  const distance = (s: DirectoryService) =>
    districtCode && s.districtCode === districtCode ? 0 : 1;
  const places = (s: DirectoryService) => s.capacityAvailable ?? -1;
  return [...services].sort(
    (a, b) =>
      distance(a) - distance(b) || places(b) - places(a) || a.name.localeCompare(b.name, 'es'),
  );
}

/** The service's schedule rows as the edit form holds them (days as a set). */
export interface ScheduleDraft {
  days: string[];
  opens: string;
  closes: string;
}

export const scheduleDraftOf = (schedule: Schedule): ScheduleDraft => ({
  days: schedule.byday.split(','),
  opens: schedule.opens_at,
  closes: schedule.closes_at,
});

export const scheduleOf = (draft: ScheduleDraft): Schedule => ({
  byday: DAYS.filter((day) => draft.days.includes(day)).join(','),
  opens_at: draft.opens,
  closes_at: draft.closes,
});

/**
 * A number field's text as the API wants it: empty is "no limit" (null); text that is no number
 * goes as typed, so the API's error about it shows beside the field.
 */
export function numberOf(text: string): number | string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : trimmed;
}
