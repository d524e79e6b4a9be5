import { Controller, Get } from '@nestjs/common';
import { ValidQuery } from '@reintegra/platform-http';
import { AdminRoutes } from '../core/admin-routes';
import { AgencyRoutes } from '../registry/agency-auth.guard';
import { statisticsQuery, type StatisticsQuery } from './statistics.requests';
import { StatisticsService } from './statistics.service';

/** Aggregate referral statistics for the admin (role `admin`). */
@Controller('admin')
@AdminRoutes()
export class AdminStatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  @Get('statistics')
  referralStatistics(@ValidQuery(statisticsQuery) query: StatisticsQuery) {
    return this.statistics.referralCounts(query);
  }
}

/** The same aggregate statistics for any authenticated agency (numbers only, small cells hidden). */
@Controller('agency')
@AgencyRoutes()
export class AgencyStatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  @Get('statistics')
  referralStatistics(@ValidQuery(statisticsQuery) query: StatisticsQuery) {
    return this.statistics.referralCounts(query);
  }
}
