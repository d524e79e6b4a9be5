import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { type Actor, actorReference, CurrentActor } from '@reintegra/platform-auth';
import { UuidParam, ValidBody, ValidQuery } from '@reintegra/platform-http';
import { AdminRoutes } from '../core/admin-routes';
import { AgenciesService } from './agencies.service';
import { AgencyIdParam } from './agency-id.param';
import { ApiKeysService } from './api-keys.service';
import {
  createAgencyRequest,
  type CreateAgencyRequest,
  createSubscriptionRequest,
  type CreateSubscriptionRequest,
  deliveryLogQuery,
  type DeliveryLogQuery,
  issueApiKeyRequest,
  type IssueApiKeyRequest,
} from './registry.requests';
import { SubscriptionDeliveriesService } from './subscription-deliveries.service';
import { SubscriptionsService } from './subscriptions.service';

/**
 * The registry of partner agencies, their API keys and subscriptions, and dead letters: role
 * `admin` only (national scope).
 */
@Controller('admin')
@AdminRoutes()
export class AdminController {
  constructor(
    private readonly agencies: AgenciesService,
    private readonly apiKeys: ApiKeysService,
    private readonly subscriptions: SubscriptionsService,
    private readonly deliveries: SubscriptionDeliveriesService,
  ) {}

  @Post('agencies')
  createAgency(
    @CurrentActor() actor: Actor,
    @ValidBody(createAgencyRequest) body: CreateAgencyRequest,
  ) {
    return this.agencies.createAgency(actorReference(actor), body);
  }

  @Get('agencies')
  async listAgencies() {
    return { agencies: await this.agencies.listAgencies() };
  }

  @Get('agencies/:agencyId')
  async agency(@AgencyIdParam() agencyId: string) {
    return this.agencies.describe(await this.agencies.agency(agencyId));
  }

  @Post('agencies/:agencyId/api-keys')
  issueApiKey(
    @CurrentActor() actor: Actor,
    @AgencyIdParam() agencyId: string,
    @ValidBody(issueApiKeyRequest) body: IssueApiKeyRequest,
  ) {
    return this.apiKeys.issueApiKey(actorReference(actor), agencyId, body);
  }

  @Post('agencies/:agencyId/api-keys/:keyId/revocation')
  @HttpCode(204)
  async revokeApiKey(
    @CurrentActor() actor: Actor,
    @AgencyIdParam() agencyId: string,
    @UuidParam('keyId') keyId: string,
  ): Promise<void> {
    await this.apiKeys.revokeApiKey(actorReference(actor), agencyId, keyId);
  }

  @Post('agencies/:agencyId/subscriptions')
  createSubscription(
    @CurrentActor() actor: Actor,
    @AgencyIdParam() agencyId: string,
    @ValidBody(createSubscriptionRequest) body: CreateSubscriptionRequest,
  ) {
    return this.subscriptions.createSubscription(actorReference(actor), agencyId, body);
  }

  @Get('agencies/:agencyId/subscriptions')
  async listSubscriptions(@AgencyIdParam() agencyId: string) {
    return { subscriptions: await this.subscriptions.subscriptions(agencyId) };
  }

  @Post('subscriptions/:subscriptionId/deactivation')
  @HttpCode(200)
  deactivate(@CurrentActor() actor: Actor, @UuidParam('subscriptionId') id: string) {
    return this.subscriptions.deactivateSubscription(actorReference(actor), id);
  }

  @Get('subscriptions/:subscriptionId/deliveries')
  deliveryLog(
    @UuidParam('subscriptionId') id: string,
    @ValidQuery(deliveryLogQuery) query: DeliveryLogQuery,
  ) {
    return this.deliveries.deliveryLog(id, query);
  }

  /** Dead-lettered deliveries of a subscription back into the queue. */
  @Post('subscriptions/:subscriptionId/dead-letters/redrive')
  @HttpCode(200)
  redrive(@CurrentActor() actor: Actor, @UuidParam('subscriptionId') id: string) {
    return this.deliveries.redriveDeadLetters(actorReference(actor), id);
  }
}
