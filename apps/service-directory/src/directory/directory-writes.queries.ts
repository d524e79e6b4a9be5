import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { findDistrict, findMunicipality } from '@reintegra/reference-data';
import type { ScheduleRow, ServiceStatus } from '../core/directory.queries';

/** Upserts shared by the API, the HSDS import and the demo seed (one statement per row). */
export interface OrganizationInput {
  id: string;
  hsdsId?: string;
  name: string;
  alternateName?: string | null;
  description: string;
  email?: string | null;
  website?: string | null;
  municipalityCode: string;
}

export interface LocationInput {
  id?: string;
  organizationId: string;
  name: string;
  address1?: string | null;
  municipalityCode: string;
  districtCode?: string | null;
}

export interface ServiceInput {
  id?: string;
  organizationId: string;
  locationId: string;
  name: string;
  description?: string | null;
  serviceType: string;
  status: ServiceStatus;
  minimumAge?: number | null;
  maximumAge?: number | null;
  womenOnly: boolean;
  requiredDocuments: readonly string[];
  languages: readonly string[];
  schedules: readonly ScheduleRow[];
  applicationProcess?: string | null;
  feesDescription?: string | null;
  capacityMaximum?: number | null;
  capacityAvailable?: number | null;
}

/** Returns whether the row was created (false: updated). */
export async function upsertOrganization(
  manager: EntityManager,
  input: OrganizationInput,
): Promise<boolean> {
  const [row] = (await manager.query(
    `INSERT INTO organizations (id, hsds_id, name, alternate_name, description, email, website,
                                municipality_code)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, alternate_name = EXCLUDED.alternate_name,
       description = EXCLUDED.description, email = EXCLUDED.email, website = EXCLUDED.website,
       municipality_code = EXCLUDED.municipality_code, updated_at = now()
     RETURNING (xmax = 0) AS created`,
    [
      input.id,
      input.hsdsId ?? randomUUID(),
      input.name,
      input.alternateName ?? null,
      input.description,
      input.email ?? null,
      input.website ?? null,
      input.municipalityCode,
    ],
  )) as { created: boolean }[];
  return row?.created ?? false;
}

export async function upsertLocation(
  manager: EntityManager,
  input: LocationInput,
): Promise<string> {
  const id = input.id ?? randomUUID();
  const municipality = findMunicipality(input.municipalityCode);
  if (!municipality) throw new Error(`unknown municipality ${input.municipalityCode}`);
  const district = input.districtCode ? findDistrict(input.districtCode) : undefined;
  await manager.query(
    `INSERT INTO locations (id, organization_id, name, address_1, department_code, municipality_code,
                            district_code)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, address_1 = EXCLUDED.address_1,
       department_code = EXCLUDED.department_code, municipality_code = EXCLUDED.municipality_code,
       district_code = EXCLUDED.district_code, updated_at = now()`,
    [
      id,
      input.organizationId,
      input.name,
      input.address1 ?? null,
      municipality.departmentCode,
      municipality.code,
      district?.code ?? null,
    ],
  );
  return id;
}

/** Returns the service id and whether it was created. */
export async function upsertService(
  manager: EntityManager,
  input: ServiceInput,
): Promise<{ id: string; created: boolean }> {
  const id = input.id ?? randomUUID();
  const [row] = (await manager.query(
    `INSERT INTO services (id, organization_id, location_id, name, description, service_type, status,
                           minimum_age, maximum_age, women_only, required_documents, languages,
                           schedules, application_process, fees_description, capacity_maximum,
                           capacity_available, capacity_updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,
             CASE WHEN $17::int IS NULL THEN NULL ELSE now() END)
     ON CONFLICT (id) DO UPDATE SET organization_id = EXCLUDED.organization_id,
       location_id = EXCLUDED.location_id, name = EXCLUDED.name, description = EXCLUDED.description,
       service_type = EXCLUDED.service_type, status = EXCLUDED.status,
       minimum_age = EXCLUDED.minimum_age, maximum_age = EXCLUDED.maximum_age,
       women_only = EXCLUDED.women_only, required_documents = EXCLUDED.required_documents,
       languages = EXCLUDED.languages, schedules = EXCLUDED.schedules,
       application_process = EXCLUDED.application_process,
       fees_description = EXCLUDED.fees_description,
       capacity_maximum = coalesce(EXCLUDED.capacity_maximum, services.capacity_maximum),
       capacity_available = coalesce(EXCLUDED.capacity_available, services.capacity_available),
       capacity_updated_at = coalesce(EXCLUDED.capacity_updated_at, services.capacity_updated_at),
       updated_at = now()
     RETURNING (xmax = 0) AS created`,
    [
      id,
      input.organizationId,
      input.locationId,
      input.name,
      input.description ?? null,
      input.serviceType,
      input.status,
      input.minimumAge ?? null,
      input.maximumAge ?? null,
      input.womenOnly,
      input.requiredDocuments,
      input.languages,
      JSON.stringify(input.schedules),
      input.applicationProcess ?? null,
      input.feesDescription ?? null,
      input.capacityMaximum ?? null,
      input.capacityAvailable ?? null,
    ],
  )) as { created: boolean }[];
  return { id, created: row?.created ?? false };
}
