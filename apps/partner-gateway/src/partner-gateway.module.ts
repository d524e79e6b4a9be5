import { type DynamicModule, Module } from '@nestjs/common';
import { foundationModules } from '@reintegra/platform-service';
import { AgencyAuthGuard } from './agency/agency-auth.guard';
import { AgencyController } from './agency/agency.controller';
import { AuditedProblemsFilter } from './audit/audited-problems.filter';
import { AuditLog } from './audit/audit-log';
import { CatalogueController } from './catalogue/catalogue.controller';
import type { PartnerGatewayConfig } from './config';
import { GatewayKeys } from './crypto/gateway-keys';
import { DeliveryWorker } from './delivery/delivery-worker';
import { PartnerTopics } from './delivery/partner-topics';
import { InternalEventsController } from './ingestion/internal-events.controller';
import { InternalEventsService } from './ingestion/internal-events.service';
import { Maintenance } from './ingestion/maintenance';
import { PartnerRouter } from './ingestion/partner-router';
import { AdminController } from './registry/admin.controller';
import { RegistryService, WEBHOOK_URL_RESOLVER } from './registry/registry.service';
import { systemResolver } from './registry/webhook-url-policy';
import { ReplayService } from './replay/replay.service';
import { partnerGatewayService } from './service';
import { StatisticsService } from './statistics/statistics.service';

/**
 * The partner gateway: public event catalogue, agency registry and subscriptions, the consumer
 * that derives de-identified, consent-filtered public events, and their delivery by Kafka and
 * signed webhooks, with replay and aggregate statistics.
 */
@Module({})
export class PartnerGatewayModule {
  static register(config: PartnerGatewayConfig): DynamicModule {
    return {
      module: PartnerGatewayModule,
      imports: foundationModules(partnerGatewayService, config),
      controllers: [
        CatalogueController,
        AdminController,
        AgencyController,
        InternalEventsController,
      ],
      providers: [
        { provide: GatewayKeys, useValue: new GatewayKeys(config.PARTNER_GATEWAY_KEY) },
        { provide: WEBHOOK_URL_RESOLVER, useValue: systemResolver },
        AuditLog,
        AuditedProblemsFilter,
        AgencyAuthGuard,
        RegistryService,
        PartnerTopics,
        PartnerRouter,
        InternalEventsService,
        DeliveryWorker,
        Maintenance,
        ReplayService,
        StatisticsService,
      ],
    };
  }
}
