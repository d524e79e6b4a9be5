import type { ReferralService } from '@reintegra/event-contracts';
import type { EntityManager } from 'typeorm';
import type { RoutingCandidate } from '../domain/routing';

export type ServiceStatus = 'active' | 'inactive' | 'defunct' | 'temporarily closed';

/** One schedule of a service (HSDS `schedule`: weekly, RFC 5545 days). */
export interface ScheduleRow {
  byday: string;
  opens_at: string;
  closes_at: string;
  description?: string;
}

export interface OrganizationRow {
  id: string;
  hsdsId: string;
  name: string;
  alternateName: string | null;
  description: string;
  email: string | null;
  website: string | null;
  municipalityCode: string;
  updatedAt: string;
}

export interface LocationRow {
  id: string;
  organizationId: string;
  name: string;
  address1: string | null;
  departmentCode: string;
  municipalityCode: string;
  districtCode: string | null;
  updatedAt: string;
}

/** A service with its location's codes and its capacity (live when capacity events exist). */
export interface ServiceRow {
  id: string;
  organizationId: string;
  locationId: string;
  name: string;
  description: string | null;
  serviceType: ReferralService;
  status: ServiceStatus;
  minimumAge: number | null;
  maximumAge: number | null;
  womenOnly: boolean;
  requiredDocuments: string[];
  languages: string[];
  schedules: ScheduleRow[];
  applicationProcess: string | null;
  feesDescription: string | null;
  capacityMaximum: number | null;
  capacityReported: number | null;
  capacityLive: number | null;
  capacityAvailable: number | null;
  capacityUpdatedAt: string | null;
  departmentCode: string;
  municipalityCode: string;
  districtCode: string | null;
  updatedAt: string;
}

export const ORGANIZATION_COLUMNS = `
  o.id, o.hsds_id AS "hsdsId", o.name, o.alternate_name AS "alternateName", o.description,
  o.email, o.website, o.municipality_code AS "municipalityCode", o.updated_at AS "updatedAt"`;

export const LOCATION_COLUMNS = `
  l.id, l.organization_id AS "organizationId", l.name, l.address_1 AS "address1",
  l.department_code AS "departmentCode", l.municipality_code AS "municipalityCode",
  l.district_code AS "districtCode", l.updated_at AS "updatedAt"`;

/**
 * Live capacity of a provider's service type: the free places of its open sources (cohorts,
 * vacancies) from reintegra.services.capacity; absent when no capacity event named it.
 */
const LIVE_CAPACITY = `
  LEFT JOIN LATERAL (
    SELECT count(*)::int AS sources,
           coalesce(sum(c.available) FILTER (WHERE c.open), 0)::int AS available
      FROM capacity_sources c
     WHERE c.organization_id = s.organization_id AND c.service_type = s.service_type
  ) live ON true`;

export const SERVICE_FROM = `
  FROM services s JOIN locations l ON l.id = s.location_id ${LIVE_CAPACITY}`;

export const SERVICE_COLUMNS = `
  s.id, s.organization_id AS "organizationId", s.location_id AS "locationId", s.name,
  s.description, s.service_type AS "serviceType", s.status, s.minimum_age AS "minimumAge",
  s.maximum_age AS "maximumAge", s.women_only AS "womenOnly",
  s.required_documents AS "requiredDocuments", s.languages, s.schedules,
  s.application_process AS "applicationProcess", s.fees_description AS "feesDescription",
  s.capacity_maximum AS "capacityMaximum", s.capacity_available AS "capacityReported",
  CASE WHEN live.sources > 0 THEN live.available END AS "capacityLive",
  CASE WHEN live.sources > 0 THEN live.available ELSE s.capacity_available END AS "capacityAvailable",
  s.capacity_updated_at AS "capacityUpdatedAt",
  l.department_code AS "departmentCode", l.municipality_code AS "municipalityCode",
  l.district_code AS "districtCode", s.updated_at AS "updatedAt"`;

export async function findService(
  manager: EntityManager,
  id: string,
): Promise<ServiceRow | undefined> {
  const rows = (await manager.query(`SELECT ${SERVICE_COLUMNS} ${SERVICE_FROM} WHERE s.id = $1`, [
    id,
  ])) as ServiceRow[];
  return rows[0];
}

export async function findOrganization(
  manager: EntityManager,
  id: string,
): Promise<OrganizationRow | undefined> {
  const rows = (await manager.query(
    `SELECT ${ORGANIZATION_COLUMNS} FROM organizations o WHERE o.id = $1`,
    [id],
  )) as OrganizationRow[];
  return rows[0];
}

export async function findLocation(
  manager: EntityManager,
  id: string,
): Promise<LocationRow | undefined> {
  const rows = (await manager.query(`SELECT ${LOCATION_COLUMNS} FROM locations l WHERE l.id = $1`, [
    id,
  ])) as LocationRow[];
  return rows[0];
}

/** Every active service of one type, with what routing needs: the candidate set of a decision. */
export async function routingCandidates(
  manager: EntityManager,
  serviceType: string,
): Promise<RoutingCandidate[]> {
  return (await manager.query(
    `SELECT s.id AS "serviceId", s.organization_id AS "organizationId", s.location_id AS "locationId",
            l.department_code AS "departmentCode", l.municipality_code AS "municipalityCode",
            l.district_code AS "districtCode", s.minimum_age AS "minimumAge",
            s.maximum_age AS "maximumAge", s.women_only AS "womenOnly",
            CASE WHEN live.sources > 0 THEN live.available ELSE s.capacity_available END
              AS "capacityAvailable"
       ${SERVICE_FROM}
      WHERE s.service_type = $1 AND s.status = 'active'`,
    [serviceType],
  )) as RoutingCandidate[];
}
