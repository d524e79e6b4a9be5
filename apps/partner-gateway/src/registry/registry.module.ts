import { Module } from '@nestjs/common';
import { CoreModule } from '../core/core.module';
import { DeliveryModule } from '../delivery/delivery.module';
import { systemResolver } from '../delivery/webhook-url-policy';
import { AdminController } from './admin.controller';
import { AgenciesService } from './agencies.service';
import { AgencyAuthGuard } from './agency-auth.guard';
import { AgencyAuthentication } from './agency-authentication.service';
import { AgencyController } from './agency.controller';
import { ApiKeysService } from './api-keys.service';
import { SubscriptionDeliveriesService } from './subscription-deliveries.service';
import { SubscriptionsService, WEBHOOK_URL_RESOLVER } from './subscriptions.service';

/**
 * The registry: partner agencies, their API keys and subscriptions, and how an agency caller is
 * authenticated (AgencyAuthGuard, used by the other agency-facing features).
 */
@Module({
  imports: [CoreModule, DeliveryModule],
  controllers: [AdminController, AgencyController],
  providers: [
    { provide: WEBHOOK_URL_RESOLVER, useValue: systemResolver },
    AgenciesService,
    ApiKeysService,
    AgencyAuthentication,
    AgencyAuthGuard,
    SubscriptionsService,
    SubscriptionDeliveriesService,
  ],
  exports: [AgencyAuthentication, AgencyAuthGuard, SubscriptionsService],
})
export class RegistryModule {}
