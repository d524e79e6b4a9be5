import { Controller, Get, UseFilters, UseGuards } from '@nestjs/common';
import { Public, Roles } from '@reintegra/platform-auth';
import { ValidQuery } from '@reintegra/platform-http';
import { AuditedProblemsFilter } from '../core/audited-problems.filter';
import { AgencyAuthGuard } from '../registry/agency-auth.guard';
import { statisticsQuery, type StatisticsQuery } from './statistics.requests';
import { StatisticsService } from './statistics.service';

/** Aggregate referral statistics for the admin (role `admin`). */
@Controller('admin')
@Roles('admin')
@UseFilters(AuditedProblemsFilter)
export class AdminStatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  @Get('statistics')
  referralStatistics(@ValidQuery(statisticsQuery) query: StatisticsQuery) {
    return this.statistics.referralCounts(query);
  }
}

/** The same aggregate statistics for any authenticated agency (numbers only, small cells hidden). */
@Controller('agency')
@Public()
@UseGuards(AgencyAuthGuard)
@UseFilters(AuditedProblemsFilter)
export class AgencyStatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  @Get('statistics')
  referralStatistics(@ValidQuery(statisticsQuery) query: StatisticsQuery) {
    return this.statistics.referralCounts(query);
  }
}
