import { type DynamicModule, Module } from '@nestjs/common';
import { serviceRootModule } from '@reintegra/platform-service';
import { AuditModule } from './audit/audit.module';
import { CatalogueModule } from './catalogue/catalogue.module';
import type { PartnerGatewayConfig } from './config';
import { DeliveryModule } from './delivery/delivery.module';
import { IngestionModule } from './ingestion/ingestion.module';
import { RegistryModule } from './registry/registry.module';
import { ReplayModule } from './replay/replay.module';
import { partnerGatewayService } from './service';
import { StatisticsModule } from './statistics/statistics.module';

/** The service's feature modules, after the foundation ones. */
const FEATURES = [
  CatalogueModule,
  RegistryModule,
  DeliveryModule,
  IngestionModule,
  ReplayModule,
  StatisticsModule,
  AuditModule,
];

/**
 * The partner gateway: public event catalogue, agency registry and subscriptions, the consumer
 * that derives de-identified, consent-filtered public events, and their delivery by Kafka and
 * signed webhooks, with replay and aggregate statistics.
 */
@Module({})
export class PartnerGatewayModule {
  static register(config: PartnerGatewayConfig): DynamicModule {
    return serviceRootModule(PartnerGatewayModule, partnerGatewayService, config, FEATURES);
  }
}
