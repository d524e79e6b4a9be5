import { Body, Controller, Get, HttpCode, Param, Post, Query, UseFilters } from '@nestjs/common';
import { type Actor, actorReference, CurrentActor, Roles } from '@reintegra/platform-auth';
import { ZodValidationPipe } from '@reintegra/platform-http';
import { z } from 'zod';
import { agencyIdSchema } from '@reintegra/event-contracts';
import { AuditedProblemsFilter } from '../audit/audited-problems.filter';
import { AuditLog } from '../audit/audit-log';
import {
  statisticsQuery,
  type StatisticsQuery,
  StatisticsService,
} from '../statistics/statistics.service';
import {
  createAgencyRequest,
  type CreateAgencyRequest,
  createSubscriptionRequest,
  type CreateSubscriptionRequest,
  deliveryLogQuery,
  type DeliveryLogQuery,
  issueApiKeyRequest,
  type IssueApiKeyRequest,
  uuidParam,
} from './registry.requests';
import { RegistryService } from './registry.service';

const agencyParam = new ZodValidationPipe(agencyIdSchema);
const uuid = new ZodValidationPipe(uuidParam);

/**
 * The registry of partner agencies, their API keys and subscriptions, dead letters and the audit
 * log: role `admin` only (national scope).
 */
@Controller('admin')
@Roles('admin')
@UseFilters(AuditedProblemsFilter)
export class AdminController {
  constructor(
    private readonly registry: RegistryService,
    private readonly statistics: StatisticsService,
    private readonly audit: AuditLog,
  ) {}

  @Post('agencies')
  createAgency(
    @CurrentActor() actor: Actor,
    @Body(new ZodValidationPipe(createAgencyRequest)) body: CreateAgencyRequest,
  ) {
    return this.registry.createAgency(actorReference(actor), body);
  }

  @Get('agencies')
  async agencies() {
    return { agencies: await this.registry.listAgencies() };
  }

  @Get('agencies/:agencyId')
  async agency(@Param('agencyId', agencyParam) agencyId: string) {
    return this.registry.describe(await this.registry.agency(agencyId));
  }

  @Post('agencies/:agencyId/api-keys')
  issueApiKey(
    @CurrentActor() actor: Actor,
    @Param('agencyId', agencyParam) agencyId: string,
    @Body(new ZodValidationPipe(issueApiKeyRequest)) body: IssueApiKeyRequest,
  ) {
    return this.registry.issueApiKey(actorReference(actor), agencyId, body);
  }

  @Post('agencies/:agencyId/api-keys/:keyId/revocation')
  @HttpCode(204)
  async revokeApiKey(
    @CurrentActor() actor: Actor,
    @Param('agencyId', agencyParam) agencyId: string,
    @Param('keyId', uuid) keyId: string,
  ): Promise<void> {
    await this.registry.revokeApiKey(actorReference(actor), agencyId, keyId);
  }

  @Post('agencies/:agencyId/subscriptions')
  createSubscription(
    @CurrentActor() actor: Actor,
    @Param('agencyId', agencyParam) agencyId: string,
    @Body(new ZodValidationPipe(createSubscriptionRequest)) body: CreateSubscriptionRequest,
  ) {
    return this.registry.createSubscription(actorReference(actor), agencyId, body);
  }

  @Get('agencies/:agencyId/subscriptions')
  async subscriptions(@Param('agencyId', agencyParam) agencyId: string) {
    return { subscriptions: await this.registry.subscriptions(agencyId) };
  }

  @Post('subscriptions/:subscriptionId/deactivation')
  @HttpCode(200)
  deactivate(@CurrentActor() actor: Actor, @Param('subscriptionId', uuid) id: string) {
    return this.registry.deactivateSubscription(actorReference(actor), id);
  }

  @Get('subscriptions/:subscriptionId/deliveries')
  deliveries(
    @Param('subscriptionId', uuid) id: string,
    @Query(new ZodValidationPipe(deliveryLogQuery)) query: DeliveryLogQuery,
  ) {
    return this.registry.deliveryLog(id, query);
  }

  /** Dead-lettered deliveries of a subscription back into the queue. */
  @Post('subscriptions/:subscriptionId/dead-letters/redrive')
  @HttpCode(200)
  redrive(@CurrentActor() actor: Actor, @Param('subscriptionId', uuid) id: string) {
    return this.registry.redriveDeadLetters(actorReference(actor), id);
  }

  @Get('statistics')
  referralStatistics(@Query(new ZodValidationPipe(statisticsQuery)) query: StatisticsQuery) {
    return this.statistics.referralCounts(query);
  }

  /** The audit log, newest first (optionally of one agency). */
  @Get('audit')
  async auditLog(
    @Query(
      new ZodValidationPipe(
        z.object({
          agencyId: agencyIdSchema.optional(),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
        }),
      ),
    )
    query: {
      agencyId?: string;
      limit: number;
    },
  ) {
    return { entries: await this.audit.recent(query.agencyId, query.limit) };
  }
}
