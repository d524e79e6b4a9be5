import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { type Actor, hasAnyRole } from '@reintegra/platform-auth';
import { outsideMunicipality } from '@reintegra/platform-errors';
import type { EventContext } from '@reintegra/platform-messaging';
import { DirectoryEvents } from '../core/directory-events.service';
import {
  LOCATION_COLUMNS,
  type LocationRow,
  ORGANIZATION_COLUMNS,
  type OrganizationRow,
  SERVICE_COLUMNS,
  SERVICE_FROM,
  type ServiceRow,
} from '../core/directory.queries';
import {
  upsertLocation,
  upsertOrganization,
  upsertService,
} from '../directory/directory-writes.queries';
import { organizationToHsds, serviceFromHsds, serviceToHsds } from './hsds-mapping';

export interface HsdsPage {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: Record<string, unknown>[];
}

function page(contents: Record<string, unknown>[]): HsdsPage {
  return {
    total_items: contents.length,
    total_pages: 1,
    page_number: 1,
    size: contents.length,
    first_page: true,
    last_page: true,
    empty: contents.length === 0,
    contents,
  };
}

/** HSDS 3 export and import of the directory (the compiled `service` form, an HSDS API page). */
@Injectable()
export class HsdsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: DirectoryEvents,
  ) {}

  async exportServices(filter: { municipalityCode?: string } = {}): Promise<HsdsPage> {
    const params: unknown[] = [];
    let where = '';
    if (filter.municipalityCode) {
      params.push(filter.municipalityCode);
      where = 'WHERE l.municipality_code = $1';
    }
    const manager = this.dataSource.manager;
    const services = (await manager.query(
      `SELECT ${SERVICE_COLUMNS} ${SERVICE_FROM} ${where} ORDER BY s.id`,
      params,
    )) as ServiceRow[];
    const orgs = new Map(
      (
        (await manager.query(
          `SELECT ${ORGANIZATION_COLUMNS} FROM organizations o`,
        )) as OrganizationRow[]
      ).map((o) => [o.id, o]),
    );
    const locations = new Map(
      ((await manager.query(`SELECT ${LOCATION_COLUMNS} FROM locations l`)) as LocationRow[]).map(
        (l) => [l.id, l],
      ),
    );
    return page(
      services.flatMap((service) => {
        const org = orgs.get(service.organizationId);
        const location = locations.get(service.locationId);
        return org && location ? [serviceToHsds(service, org, location)] : [];
      }),
    );
  }

  async exportOrganizations(): Promise<HsdsPage> {
    const orgs = (await this.dataSource.query(
      `SELECT ${ORGANIZATION_COLUMNS} FROM organizations o ORDER BY o.id`,
    )) as OrganizationRow[];
    return page(orgs.map(organizationToHsds));
  }

  /**
   * Imports HSDS services (each with its organisation and first location) in one transaction:
   * all or nothing. A supervisor may import only entries located in their municipality.
   */
  async importServices(contents: unknown[], actor: Actor, context: EventContext) {
    const parsed = contents.map((raw, index) => ({ index, result: serviceFromHsds(raw) }));
    const rejected = parsed.flatMap(({ index, result }) =>
      result.ok ? [] : [{ index, errors: result.errors }],
    );
    if (rejected.length > 0) return { created: 0, updated: 0, rejected };
    const entries = parsed.flatMap(({ result }) => (result.ok ? [result.value] : []));
    if (!hasAnyRole(actor, ['admin'])) {
      const outside = entries.some((e) => e.location.municipalityCode !== actor.municipalityCode);
      if (outside) throw outsideMunicipality();
    }
    return this.dataSource.transaction(async (manager) => {
      let created = 0;
      let updated = 0;
      for (const entry of entries) {
        await upsertOrganization(manager, entry.organization);
        await upsertLocation(manager, entry.location);
        const service = await upsertService(manager, {
          ...entry.service,
          languages: entry.service.languages.length > 0 ? entry.service.languages : ['es'],
        });
        if (service.created) created += 1;
        else updated += 1;
        await this.events.serviceChanged(
          manager,
          service.id,
          service.created ? 'created' : 'updated',
          context,
        );
      }
      return { created, updated, rejected: [] };
    });
  }
}
