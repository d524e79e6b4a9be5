import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  directoryServiceChangedV1,
  type DirectoryServiceChangedV1,
} from '@reintegra/event-contracts';
import { type EventContext, OutboxWriter } from '@reintegra/platform-messaging';
import { findService, type ServiceRow } from './directory.queries';

/** The routing snapshot of a service: ids and codes only. */
export function serviceChangedData(
  service: ServiceRow,
  change: DirectoryServiceChangedV1['change'],
  now: Date,
): DirectoryServiceChangedV1 {
  return {
    serviceId: service.id,
    organizationId: service.organizationId,
    locationId: service.locationId,
    serviceType: service.serviceType,
    status: service.status,
    municipalityCode: service.municipalityCode,
    ...(service.districtCode ? { districtCode: service.districtCode } : {}),
    womenOnly: service.womenOnly,
    ...(service.minimumAge !== null ? { minimumAge: service.minimumAge } : {}),
    ...(service.maximumAge !== null ? { maximumAge: service.maximumAge } : {}),
    ...(service.capacityAvailable !== null ? { capacityAvailable: service.capacityAvailable } : {}),
    change,
    occurredAt: now.toISOString(),
  };
}

/** Directory changes as events, written to the outbox in the caller's transaction. */
@Injectable()
export class DirectoryEvents {
  constructor(private readonly outbox: OutboxWriter) {}

  async serviceChanged(
    manager: EntityManager,
    serviceId: string,
    change: DirectoryServiceChangedV1['change'],
    context: EventContext,
    now = new Date(),
  ): Promise<void> {
    const service = await findService(manager, serviceId);
    if (!service) return;
    await this.outbox.publish(
      manager,
      directoryServiceChangedV1,
      { subject: service.id, time: now, data: serviceChangedData(service, change, now) },
      context,
    );
  }
}
