import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CohortCapacityChangedV1, VacancyCapacityChangedV1 } from '@reintegra/event-contracts';

/**
 * Live capacity from reintegra.services.capacity: the latest free places of each source (a cohort
 * of an education provider, a vacancy of an employer), kept per source and summed per provider
 * and service type by routing. An older event never overwrites a newer one (the topic is keyed by
 * source, but a replay may deliver old values).
 */
@Injectable()
export class CapacityService {
  async cohortChanged(manager: EntityManager, data: CohortCapacityChangedV1): Promise<void> {
    await this.record(manager, {
      sourceId: `cohort:${data.cohortId}`,
      organizationId: data.providerId,
      serviceType: 'education',
      open: data.open,
      available: data.seatsAvailable,
      occurredAt: data.occurredAt,
    });
  }

  async vacancyChanged(manager: EntityManager, data: VacancyCapacityChangedV1): Promise<void> {
    await this.record(manager, {
      sourceId: `vacancy:${data.vacancyId}`,
      organizationId: data.employerId,
      serviceType: 'employment',
      open: data.open,
      available: data.postsAvailable,
      occurredAt: data.occurredAt,
    });
  }

  private async record(
    manager: EntityManager,
    source: {
      sourceId: string;
      organizationId: string;
      serviceType: string;
      open: boolean;
      available: number;
      occurredAt: string;
    },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO capacity_sources (source_id, organization_id, service_type, open, available, occurred_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (source_id) DO UPDATE SET open = EXCLUDED.open, available = EXCLUDED.available,
         occurred_at = EXCLUDED.occurred_at
       WHERE capacity_sources.occurred_at <= EXCLUDED.occurred_at`,
      [
        source.sourceId,
        source.organizationId,
        source.serviceType,
        source.open,
        source.available,
        source.occurredAt,
      ],
    );
  }
}
