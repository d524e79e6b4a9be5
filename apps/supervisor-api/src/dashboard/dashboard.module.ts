import { Module } from '@nestjs/common';
import { PathWorkflows } from '../workflow/path-workflows';
import { DashboardController } from './dashboard.controller';
import { DashboardQueries } from './dashboard.queries';
import { WorkloadGauges } from './workload-gauges';

/** Overview, case list and case page: the read model and the workflows' live state; workload gauges for /metrics. */
@Module({
  controllers: [DashboardController],
  providers: [DashboardQueries, PathWorkflows, WorkloadGauges],
})
export class DashboardModule {}
