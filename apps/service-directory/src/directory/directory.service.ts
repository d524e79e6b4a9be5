import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type Actor, hasAnyRole } from '@reintegra/platform-auth';
import { ConflictError } from '@reintegra/platform-errors';
import type { EventContext } from '@reintegra/platform-messaging';
import { DirectoryEvents } from '../core/directory-events.service';
import {
  findLocation,
  findOrganization,
  findService,
  LOCATION_COLUMNS,
  ORGANIZATION_COLUMNS,
  SERVICE_COLUMNS,
  SERVICE_FROM,
  type ServiceRow,
} from '../core/directory.queries';
import {
  assertCanManage,
  locationNotFound,
  organizationNotFound,
  serviceNotFound,
} from '../core/scope';
import { upsertLocation, upsertOrganization, upsertService } from './directory-writes.queries';
import type {
  CreateLocationRequest,
  CreateOrganizationRequest,
  CreateServiceRequest,
  ReportCapacityRequest,
  ServiceFilter,
  UpdateOrganizationRequest,
  UpdateServiceRequest,
} from './directory.requests';

const UPDATABLE: Record<keyof UpdateServiceRequest, string> = {
  name: 'name',
  description: 'description',
  status: 'status',
  minimumAge: 'minimum_age',
  maximumAge: 'maximum_age',
  womenOnly: 'women_only',
  requiredDocuments: 'required_documents',
  languages: 'languages',
  schedules: 'schedules',
};

/** Organisations, locations and services: managed by admin and the municipality's supervisor. */
@Injectable()
export class DirectoryService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: DirectoryEvents,
  ) {}

  async createOrganization(body: CreateOrganizationRequest, actor: Actor) {
    assertCanManage(actor, body.municipalityCode);
    return this.dataSource.transaction(async (manager) => {
      if (await findOrganization(manager, body.id)) {
        throw new ConflictError('directory.organization-exists', {
          es: 'Ya existe una organización con ese identificador.',
          en: 'An organisation with that id already exists.',
        });
      }
      await upsertOrganization(manager, body);
      return findOrganization(manager, body.id);
    });
  }

  /** Names and contact of an organisation: admin, or the supervisor of its home municipality. */
  async updateOrganization(id: string, body: UpdateOrganizationRequest, actor: Actor) {
    return this.dataSource.transaction(async (manager) => {
      const organization = await findOrganization(manager, id);
      if (!organization) throw organizationNotFound();
      assertCanManage(actor, organization.municipalityCode);
      const columns: Record<keyof UpdateOrganizationRequest, string> = {
        name: 'name',
        alternateName: 'alternate_name',
        description: 'description',
        email: 'email',
        website: 'website',
      };
      const params: unknown[] = [id];
      const sets = Object.entries(columns).flatMap(([key, column]) => {
        const value = body[key as keyof UpdateOrganizationRequest];
        if (value === undefined) return [];
        params.push(value);
        return [`${column} = $${params.length}`];
      });
      await manager.query(
        `UPDATE organizations SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`,
        params,
      );
      return findOrganization(manager, id);
    });
  }

  listOrganizations(municipalityCode?: string) {
    const params: unknown[] = [];
    const where = municipalityCode ? 'WHERE o.municipality_code = $1' : '';
    if (municipalityCode) params.push(municipalityCode);
    return this.dataSource.query(
      `SELECT ${ORGANIZATION_COLUMNS} FROM organizations o ${where} ORDER BY o.name LIMIT 1000`,
      params,
    );
  }

  async createLocation(body: CreateLocationRequest, actor: Actor) {
    assertCanManage(actor, body.municipalityCode);
    return this.dataSource.transaction(async (manager) => {
      if (!(await findOrganization(manager, body.organizationId))) throw organizationNotFound();
      const id = await upsertLocation(manager, body);
      return findLocation(manager, id);
    });
  }

  listLocations(organizationId?: string) {
    const params: unknown[] = [];
    const where = organizationId ? 'WHERE l.organization_id = $1' : '';
    if (organizationId) params.push(organizationId);
    return this.dataSource.query(
      `SELECT ${LOCATION_COLUMNS} FROM locations l ${where} ORDER BY l.name LIMIT 2000`,
      params,
    );
  }

  async createService(body: CreateServiceRequest, actor: Actor, context: EventContext) {
    return this.dataSource.transaction(async (manager) => {
      const location = await findLocation(manager, body.locationId);
      if (!location) throw locationNotFound();
      assertCanManage(actor, location.municipalityCode);
      const { id } = await upsertService(manager, {
        ...body,
        organizationId: location.organizationId,
      });
      await this.events.serviceChanged(manager, id, 'created', context);
      return findService(manager, id);
    });
  }

  async updateService(
    id: string,
    body: UpdateServiceRequest,
    actor: Actor,
    context: EventContext,
  ): Promise<ServiceRow | undefined> {
    return this.dataSource.transaction(async (manager) => {
      const service = await this.manageable(manager, id, actor);
      const sets: string[] = [];
      const params: unknown[] = [id];
      for (const [key, column] of Object.entries(UPDATABLE)) {
        const value = body[key as keyof UpdateServiceRequest];
        if (value === undefined) continue;
        params.push(key === 'schedules' ? JSON.stringify(value) : value);
        sets.push(`${column} = $${params.length}`);
      }
      await manager.query(
        `UPDATE services SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`,
        params,
      );
      const change =
        body.status && body.status !== 'active' && service.status === 'active'
          ? 'deactivated'
          : 'updated';
      await this.events.serviceChanged(manager, id, change, context);
      return findService(manager, id);
    });
  }

  /** Free places as the provider or the municipality reports them (live events take precedence). */
  async reportCapacity(
    id: string,
    body: ReportCapacityRequest,
    actor: Actor,
    context: EventContext,
  ): Promise<ServiceRow | undefined> {
    return this.dataSource.transaction(async (manager) => {
      await this.manageable(manager, id, actor);
      await manager.query(
        `UPDATE services SET capacity_available = $2,
                capacity_maximum = coalesce($3, capacity_maximum),
                capacity_updated_at = now(), updated_at = now()
          WHERE id = $1`,
        [id, body.available, body.maximum ?? null],
      );
      await this.events.serviceChanged(manager, id, 'capacity-reported', context);
      return findService(manager, id);
    });
  }

  async getService(id: string): Promise<ServiceRow> {
    const service = await findService(this.dataSource.manager, id);
    if (!service) throw serviceNotFound();
    return service;
  }

  listServices(filter: ServiceFilter): Promise<ServiceRow[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.serviceType) add('s.service_type = ?', filter.serviceType);
    if (filter.municipalityCode) add('l.municipality_code = ?', filter.municipalityCode);
    if (filter.status) add('s.status = ?', filter.status);
    if (filter.organizationId) add('s.organization_id = ?', filter.organizationId);
    return this.dataSource.query(
      `SELECT ${SERVICE_COLUMNS} ${SERVICE_FROM}
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY l.municipality_code, s.name LIMIT 2000`,
      params,
    );
  }

  private async manageable(manager: EntityManager, id: string, actor: Actor) {
    const service = await findService(manager, id);
    if (!service) throw serviceNotFound();
    if (!hasAnyRole(actor, ['admin'])) assertCanManage(actor, service.municipalityCode);
    return service;
  }
}
