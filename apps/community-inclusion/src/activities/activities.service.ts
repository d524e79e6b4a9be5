import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { type Actor, canActInMunicipality, hasAnyRole } from '@reintegra/platform-auth';
import { outsideMunicipality, UnprocessableError } from '@reintegra/platform-errors';
import type { EventContext } from '@reintegra/platform-messaging';
import {
  ACTIVITY_COLUMNS,
  type ActivityRow,
  findActivity,
  managedActivity,
  visibleActivity,
} from '../core/activities.queries';
import { CommunityEvents } from '../core/community-events.service';
import { activityScopeSql } from '../core/scope';
import type { CreateActivityRequest, UpdateActivityRequest } from './activities.requests';

/** Activities: opened and run by the municipality's community facilitators (or an admin). */
@Injectable()
export class ActivitiesService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly events: CommunityEvents,
  ) {}

  async create(
    request: CreateActivityRequest,
    actor: Actor,
    context: EventContext,
  ): Promise<ActivityRow> {
    if (!hasAnyRole(actor, ['admin']) && !canActInMunicipality(actor, request.municipalityCode))
      throw outsideMunicipality();
    const id = randomUUID();
    // The facilitator who opens it runs it, unless they name others.
    const facilitators =
      request.facilitators.length > 0 || hasAnyRole(actor, ['admin'])
        ? request.facilitators
        : [actor.subject];
    return this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO activities (id, provider_id, municipality_code, district_code, public_space, kind,
                                 title, schedule, starts_on, ends_on, capacity, target_groups,
                                 languages, facilitators)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
        [
          id,
          request.providerId,
          request.municipalityCode,
          request.districtCode ?? null,
          request.publicSpace,
          request.kind,
          request.title,
          request.schedule,
          request.startsOn,
          request.endsOn ?? null,
          request.capacity,
          request.targetGroups,
          request.languages,
          facilitators,
        ],
      );
      const activity = (await findActivity(manager, id)) as ActivityRow;
      await this.events.activityChanged(manager, activity, 'opened', context);
      return activity;
    });
  }

  async update(
    id: string,
    request: UpdateActivityRequest,
    actor: Actor,
    context: EventContext,
  ): Promise<ActivityRow> {
    return this.dataSource.transaction(async (manager) => {
      const current = await managedActivity(manager, actor, id, true);
      if (request.capacity !== undefined && request.capacity < current.seatsTaken)
        throw new UnprocessableError('activity.capacity-below-participants', {
          es: 'La capacidad no puede ser menor que las personas inscritas.',
          en: 'Capacity cannot be lower than the people taking part.',
        });
      if (request.endsOn !== undefined && request.endsOn < current.startsOn)
        throw new UnprocessableError('activity.ends-before-start', {
          es: 'La fecha final es anterior a la inicial.',
          en: 'The end date is before the start.',
        });
      await manager.query(
        `UPDATE activities SET capacity = coalesce($2, capacity), schedule = coalesce($3, schedule),
                public_space = coalesce($4, public_space), facilitators = coalesce($5, facilitators),
                ends_on = coalesce($6::date, ends_on), open = coalesce($7, open),
                version = version + 1, updated_at = now()
          WHERE id = $1`,
        [
          id,
          request.capacity ?? null,
          request.schedule ?? null,
          request.publicSpace ?? null,
          request.facilitators ?? null,
          request.endsOn ?? null,
          request.open ?? null,
        ],
      );
      const activity = (await findActivity(manager, id)) as ActivityRow;
      const change =
        current.open && !activity.open ? 'closed' : current.open ? 'updated' : 'opened';
      await this.events.activityChanged(manager, activity, change, context);
      return activity;
    });
  }

  get(id: string, actor: Actor): Promise<ActivityRow> {
    return visibleActivity(this.dataSource.manager, actor, id);
  }

  list(actor: Actor, query: { kind?: string; open?: boolean }): Promise<ActivityRow[]> {
    const params: unknown[] = [];
    const where = [activityScopeSql(actor, params)];
    if (query.kind) {
      params.push(query.kind);
      where.push(`a.kind = $${params.length}`);
    }
    if (query.open !== undefined) {
      params.push(query.open);
      where.push(`a.open = $${params.length}`);
    }
    return this.dataSource.query(
      `SELECT ${ACTIVITY_COLUMNS} FROM activities a WHERE ${where.join(' AND ')}
        ORDER BY a.starts_on DESC, a.id LIMIT 500`,
      params,
    );
  }
}
