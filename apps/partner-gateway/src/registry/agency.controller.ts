import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { UuidParam, ValidBody, ValidQuery } from '@reintegra/platform-http';
import { type Agency, AgenciesService, agencyActor } from './agencies.service';
import { AgencyRoutes, CurrentAgency } from './agency-auth.guard';
import {
  createSubscriptionRequest,
  type CreateSubscriptionRequest,
  deliveryLogQuery,
  type DeliveryLogQuery,
} from './registry.requests';
import { SubscriptionDeliveriesService } from './subscription-deliveries.service';
import { SubscriptionsService } from './subscriptions.service';

/**
 * What an agency does itself, authenticated with its own credentials (AgencyAuthGuard, not the
 * staff tokens): see itself, manage its subscriptions and read their delivery logs. An agency
 * only ever reaches its own subscriptions (others answer 404).
 */
@Controller('agency')
@AgencyRoutes()
export class AgencyController {
  constructor(
    private readonly agencies: AgenciesService,
    private readonly subscriptions: SubscriptionsService,
    private readonly deliveries: SubscriptionDeliveriesService,
  ) {}

  @Get()
  me(@CurrentAgency() agency: Agency) {
    return this.agencies.describe(agency);
  }

  @Get('subscriptions')
  async listSubscriptions(@CurrentAgency() agency: Agency) {
    return { subscriptions: await this.subscriptions.subscriptions(agency.id) };
  }

  @Post('subscriptions')
  subscribe(
    @CurrentAgency() agency: Agency,
    @ValidBody(createSubscriptionRequest) body: CreateSubscriptionRequest,
  ) {
    return this.subscriptions.createSubscription(agencyActor(agency), agency.id, body);
  }

  @Post('subscriptions/:subscriptionId/deactivation')
  @HttpCode(200)
  deactivate(@CurrentAgency() agency: Agency, @UuidParam('subscriptionId') id: string) {
    return this.subscriptions.deactivateSubscription(agencyActor(agency), id, agency.id);
  }

  @Get('subscriptions/:subscriptionId/deliveries')
  deliveryLog(
    @CurrentAgency() agency: Agency,
    @UuidParam('subscriptionId') id: string,
    @ValidQuery(deliveryLogQuery) query: DeliveryLogQuery,
  ) {
    return this.deliveries.deliveryLog(id, query, agency.id);
  }
}
