import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { findMunicipality } from '@reintegra/reference-data';
import { routingCandidates } from '../core/directory.queries';
import { decideNextProvider, type RoutingDecision } from '../domain/routing';
import type { NextProviderRequest } from './routing.requests';

export interface NextProviderAnswer {
  providerId: string | null;
  serviceId: string | null;
  locationId: string | null;
  reason: RoutingDecision['reason'];
  text: RoutingDecision['text'];
}

/** Answers "which provider next" from the directory and live capacity; stores nothing. */
@Injectable()
export class RoutingService {
  private readonly logger = new Logger(RoutingService.name);

  constructor(private readonly dataSource: DataSource) {}

  async nextProvider(request: NextProviderRequest): Promise<NextProviderAnswer> {
    const candidates = await routingCandidates(this.dataSource.manager, request.service);
    const decision = decideNextProvider(candidates, {
      municipalityCode: request.municipalityCode,
      departmentCode: findMunicipality(request.municipalityCode)?.departmentCode ?? '',
      eligibility: request.eligibility,
      exclude: request.exclude,
    });
    this.logger.log({
      msg: 'routing decision',
      referralId: request.referralId,
      service: request.service,
      providerId: decision.choice?.organizationId ?? null,
      code: decision.reason.code,
    });
    return {
      providerId: decision.choice?.organizationId ?? null,
      serviceId: decision.choice?.serviceId ?? null,
      locationId: decision.choice?.locationId ?? null,
      reason: decision.reason,
      text: decision.text,
    };
  }
}
