import { referralServiceSchema } from '@reintegra/event-contracts';
import { departments, findDistrict, findMunicipality } from '@reintegra/reference-data';
import type {
  LocationRow,
  OrganizationRow,
  ScheduleRow,
  ServiceRow,
  ServiceStatus,
} from '../core/directory.queries';
import type {
  LocationInput,
  OrganizationInput,
  ServiceInput,
} from '../directory/directory-writes.queries';
import { stableUuid } from './hsds-ids';

/** Our codes inside HSDS: taxonomies of attributes and identifier schemes (documented in the README). */
export const HSDS_TAXONOMY = {
  serviceType: 'reintegra-referral-service',
  eligibility: 'reintegra-eligibility',
  capacity: 'reintegra-capacity',
} as const;
export const PROVIDER_ID_SCHEME = 'reintegra-provider-id';
export const TERRITORY_SCHEME = 'sv-territory-2024';

type Json = Record<string, unknown>;

const SERVICE_TYPE_NAMES: Record<string, string> = {
  employment: 'Empleo / Employment',
  education: 'Educación / Education',
  'victim-support': 'Atención a víctimas / Victim support',
  psychosocial: 'Atención psicosocial / Psychosocial support',
  'legal-documents': 'Asesoría legal y documentos / Legal aid and documents',
  health: 'Salud / Health',
  housing: 'Vivienda / Housing',
};

function attribute(linkId: string, taxonomy: string, code: string, value?: string): Json {
  const termId = stableUuid('term', taxonomy, code);
  return {
    id: stableUuid('attribute', linkId, taxonomy, code),
    link_id: linkId,
    link_type: 'service',
    link_entity: 'service',
    taxonomy_term_id: termId,
    ...(value === undefined ? {} : { value }),
    taxonomy_term: {
      id: termId,
      code,
      name: SERVICE_TYPE_NAMES[code] ?? code,
      description: `${taxonomy}: ${code}`,
      taxonomy,
    },
  };
}

export function organizationToHsds(org: OrganizationRow): Json {
  return {
    id: org.hsdsId,
    name: org.name,
    ...(org.alternateName ? { alternate_name: org.alternateName } : {}),
    description: org.description,
    ...(org.email ? { email: org.email } : {}),
    ...(org.website ? { website: org.website } : {}),
    organization_identifiers: [
      {
        id: stableUuid('identifier', org.id),
        organization_id: org.hsdsId,
        identifier_scheme: PROVIDER_ID_SCHEME,
        identifier_type: 'provider-id',
        identifier: org.id,
      },
    ],
  };
}

export function locationToHsds(location: LocationRow, org: OrganizationRow): Json {
  const municipality = findMunicipality(location.municipalityCode);
  const district = location.districtCode ? findDistrict(location.districtCode) : undefined;
  const department = departments.find((d) => d.code === location.departmentCode);
  return {
    id: location.id,
    location_type: 'physical',
    organization_id: org.hsdsId,
    name: location.name,
    external_identifier: location.districtCode ?? location.municipalityCode,
    external_identifier_type: TERRITORY_SCHEME,
    addresses: [
      {
        id: stableUuid('address', location.id),
        location_id: location.id,
        address_1: location.address1 ?? location.name,
        city: district?.name ?? municipality?.name ?? '',
        region: municipality?.name ?? '',
        state_province: department?.name ?? '',
        postal_code: '',
        country: 'SV',
        address_type: 'physical',
      },
    ],
  };
}

function eligibilityDescription(service: ServiceRow): string | undefined {
  const parts: string[] = [];
  if (service.womenOnly) parts.push('Solo mujeres / Women only');
  if (service.minimumAge !== null && service.maximumAge !== null)
    parts.push(`${service.minimumAge}-${service.maximumAge} años / years`);
  else if (service.minimumAge !== null) parts.push(`${service.minimumAge}+ años / years`);
  else if (service.maximumAge !== null)
    parts.push(`hasta ${service.maximumAge} años / up to ${service.maximumAge} years`);
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/** One service as an HSDS 3 `service` object (compiled form: organisation and locations inside). */
export function serviceToHsds(
  service: ServiceRow,
  org: OrganizationRow,
  location: LocationRow,
): Json {
  const salId = stableUuid('service-at-location', service.id, location.id);
  return {
    id: service.id,
    organization_id: org.hsdsId,
    name: service.name,
    ...(service.description ? { description: service.description } : {}),
    status: service.status,
    ...(service.applicationProcess ? { application_process: service.applicationProcess } : {}),
    ...(service.feesDescription ? { fees_description: service.feesDescription } : {}),
    ...(eligibilityDescription(service)
      ? { eligibility_description: eligibilityDescription(service) }
      : {}),
    ...(service.minimumAge !== null ? { minimum_age: service.minimumAge } : {}),
    ...(service.maximumAge !== null ? { maximum_age: service.maximumAge } : {}),
    last_modified: new Date(service.updatedAt).toISOString(),
    organization: organizationToHsds(org),
    service_at_locations: [
      {
        id: salId,
        service_id: service.id,
        location_id: location.id,
        location: locationToHsds(location, org),
      },
    ],
    languages: service.languages.map((code) => ({
      id: stableUuid('language', service.id, code),
      service_id: service.id,
      code,
    })),
    schedules: service.schedules.map((schedule, index) => ({
      id: stableUuid('schedule', service.id, index),
      service_id: service.id,
      service_at_location_id: salId,
      freq: 'WEEKLY',
      wkst: 'MO',
      byday: schedule.byday,
      opens_at: schedule.opens_at,
      closes_at: schedule.closes_at,
      ...(schedule.description ? { description: schedule.description } : {}),
    })),
    required_documents: service.requiredDocuments.map((document) => ({
      id: stableUuid('document', service.id, document),
      service_id: service.id,
      document,
    })),
    attributes: [
      attribute(service.id, HSDS_TAXONOMY.serviceType, service.serviceType),
      ...(service.womenOnly
        ? [attribute(service.id, HSDS_TAXONOMY.eligibility, 'women-only')]
        : []),
      ...(service.capacityAvailable !== null
        ? [
            attribute(
              service.id,
              HSDS_TAXONOMY.capacity,
              'available',
              String(service.capacityAvailable),
            ),
          ]
        : []),
      ...(service.capacityMaximum !== null
        ? [
            attribute(
              service.id,
              HSDS_TAXONOMY.capacity,
              'maximum',
              String(service.capacityMaximum),
            ),
          ]
        : []),
    ],
  };
}

/** Rows to write for one imported HSDS service, or the reasons it cannot be imported. */
export interface ImportedService {
  organization: OrganizationInput;
  location: LocationInput & { id: string };
  service: ServiceInput & { id: string };
}

const asString = (value: unknown) =>
  typeof value === 'string' && value.trim() ? value.trim() : undefined;
const asArray = (value: unknown): Json[] => (Array.isArray(value) ? (value as Json[]) : []);
const asInt = (value: unknown) =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;

function termsOf(service: Json, taxonomy: string): { code: string; value?: string }[] {
  return asArray(service['attributes'])
    .map((a) => ({ term: (a['taxonomy_term'] ?? {}) as Json, value: asString(a['value']) }))
    .filter(({ term }) => term['taxonomy'] === taxonomy && asString(term['code']))
    .map(({ term, value }) => ({ code: String(term['code']), ...(value ? { value } : {}) }));
}

/**
 * An HSDS service (compiled form) as directory rows. Our codes travel as attributes (service type,
 * women-only, capacity), the provider id as an organisation identifier, the territory as the
 * location's external identifier. Anything we cannot place is reported, never guessed.
 */
export function serviceFromHsds(
  raw: unknown,
): { ok: true; value: ImportedService } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const service = (raw ?? {}) as Json;
  const org = (service['organization'] ?? {}) as Json;
  const sal = asArray(service['service_at_locations'])[0] ?? {};
  const location = ((sal as Json)['location'] ?? {}) as Json;
  const id = asString(service['id']);
  const name = asString(service['name']);
  if (!id || !name) errors.push('service: id and name are required');
  const providerId = asArray(org['organization_identifiers']).find(
    (i) => i['identifier_scheme'] === PROVIDER_ID_SCHEME,
  )?.['identifier'];
  if (typeof providerId !== 'string' || !/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(providerId))
    errors.push(`organization: an identifier with scheme ${PROVIDER_ID_SCHEME} is required`);
  const serviceType = referralServiceSchema.safeParse(
    termsOf(service, HSDS_TAXONOMY.serviceType)[0]?.code,
  );
  if (!serviceType.success)
    errors.push(
      `attributes: one ${HSDS_TAXONOMY.serviceType} term with a referral service code is required`,
    );
  const territory = asString(location['external_identifier']);
  const district = territory ? findDistrict(territory) : undefined;
  const municipality = findMunicipality(district?.municipalityCode ?? territory ?? '');
  if (!municipality || location['external_identifier_type'] !== TERRITORY_SCHEME)
    errors.push(
      `location: external_identifier must be a ${TERRITORY_SCHEME} municipality or district code`,
    );
  const locationId = asString(location['id']);
  if (!locationId) errors.push('location: id is required');
  const status = service['status'] as ServiceStatus;
  if (!['active', 'inactive', 'defunct', 'temporarily closed'].includes(status))
    errors.push('service: status must be active, inactive, defunct or temporarily closed');
  if (errors.length > 0 || !municipality || !serviceType.success) return { ok: false, errors };
  const capacity = Object.fromEntries(
    termsOf(service, HSDS_TAXONOMY.capacity).map((t) => [t.code, Number(t.value)]),
  );
  const schedules: ScheduleRow[] = asArray(service['schedules'])
    .filter((s) => asString(s['byday']) && asString(s['opens_at']) && asString(s['closes_at']))
    .map((s) => ({
      byday: String(s['byday']),
      opens_at: String(s['opens_at']).slice(0, 5),
      closes_at: String(s['closes_at']).slice(0, 5),
      ...(asString(s['description']) ? { description: String(s['description']) } : {}),
    }));
  const organizationId = providerId as string;
  return {
    ok: true,
    value: {
      organization: {
        id: organizationId,
        hsdsId: asString(org['id']),
        name: asString(org['name']) ?? organizationId,
        alternateName: asString(org['alternate_name']) ?? null,
        description: asString(org['description']) ?? '',
        email: asString(org['email']) ?? null,
        website: asString(org['website']) ?? null,
        municipalityCode: municipality.code,
      },
      location: {
        id: locationId as string,
        organizationId,
        name: asString(location['name']) ?? (asString(service['name']) as string),
        address1: asString(asArray(location['addresses'])[0]?.['address_1']) ?? null,
        municipalityCode: municipality.code,
        districtCode: district?.code ?? null,
      },
      service: {
        id: id as string,
        organizationId,
        locationId: locationId as string,
        name: name as string,
        description: asString(service['description']) ?? null,
        serviceType: serviceType.data,
        status,
        minimumAge: asInt(service['minimum_age']) ?? null,
        maximumAge: asInt(service['maximum_age']) ?? null,
        womenOnly: termsOf(service, HSDS_TAXONOMY.eligibility).some((t) => t.code === 'women-only'),
        requiredDocuments: asArray(service['required_documents'])
          .map((d) => asString(d['document']))
          .filter((d): d is string => d !== undefined),
        languages: asArray(service['languages'])
          .map((l) => asString(l['code']))
          .filter((c): c is string => c !== undefined && /^[a-z]{2,3}$/.test(c)),
        schedules,
        applicationProcess: asString(service['application_process']) ?? null,
        feesDescription: asString(service['fees_description']) ?? null,
        capacityMaximum: Number.isInteger(capacity['maximum']) ? capacity['maximum'] : null,
        capacityAvailable: Number.isInteger(capacity['available']) ? capacity['available'] : null,
      },
    },
  };
}
