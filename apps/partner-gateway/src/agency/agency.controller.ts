import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { Public } from '@reintegra/platform-auth';
import { ZodValidationPipe } from '@reintegra/platform-http';
import { AuditedProblemsFilter } from '../audit/audited-problems.filter';
import {
  createSubscriptionRequest,
  type CreateSubscriptionRequest,
  deliveryLogQuery,
  type DeliveryLogQuery,
  replayRequest,
  type ReplayRequest,
  uuidParam,
} from '../registry/registry.requests';
import { type Agency, RegistryService } from '../registry/registry.service';
import { ReplayService } from '../replay/replay.service';
import {
  statisticsQuery,
  type StatisticsQuery,
  StatisticsService,
} from '../statistics/statistics.service';
import { AgencyAuthGuard, CurrentAgency } from './agency-auth.guard';

const uuid = new ZodValidationPipe(uuidParam);
const agencyActor = (agency: Agency) => `agency:${agency.id}`;

/**
 * What an agency does itself, authenticated with its own credentials (AgencyAuthGuard, not the
 * staff tokens): see itself, manage its subscriptions, read their delivery logs, replay, and get
 * aggregate statistics. An agency only ever reaches its own subscriptions (others answer 404).
 */
@Controller('agency')
@Public()
@UseGuards(AgencyAuthGuard)
@UseFilters(AuditedProblemsFilter)
export class AgencyController {
  constructor(
    private readonly registry: RegistryService,
    private readonly replays: ReplayService,
    private readonly statistics: StatisticsService,
  ) {}

  @Get()
  me(@CurrentAgency() agency: Agency) {
    return this.registry.describe(agency);
  }

  @Get('subscriptions')
  async subscriptions(@CurrentAgency() agency: Agency) {
    return { subscriptions: await this.registry.subscriptions(agency.id) };
  }

  @Post('subscriptions')
  subscribe(
    @CurrentAgency() agency: Agency,
    @Body(new ZodValidationPipe(createSubscriptionRequest)) body: CreateSubscriptionRequest,
  ) {
    return this.registry.createSubscription(agencyActor(agency), agency.id, body);
  }

  @Post('subscriptions/:subscriptionId/deactivation')
  @HttpCode(200)
  deactivate(@CurrentAgency() agency: Agency, @Param('subscriptionId', uuid) id: string) {
    return this.registry.deactivateSubscription(agencyActor(agency), id, agency.id);
  }

  @Get('subscriptions/:subscriptionId/deliveries')
  deliveries(
    @CurrentAgency() agency: Agency,
    @Param('subscriptionId', uuid) id: string,
    @Query(new ZodValidationPipe(deliveryLogQuery)) query: DeliveryLogQuery,
  ) {
    return this.registry.deliveryLog(id, query, agency.id);
  }

  @Post('subscriptions/:subscriptionId/replays')
  @HttpCode(202)
  replay(
    @CurrentAgency() agency: Agency,
    @Param('subscriptionId', uuid) id: string,
    @Body(new ZodValidationPipe(replayRequest)) body: ReplayRequest,
  ) {
    return this.replays.replay(agencyActor(agency), agency, id, body.from);
  }

  @Get('statistics')
  referralStatistics(@Query(new ZodValidationPipe(statisticsQuery)) query: StatisticsQuery) {
    return this.statistics.referralCounts(query);
  }
}
