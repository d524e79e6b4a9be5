import { Module } from '@nestjs/common';
import { PathWorkflows } from '../workflow/path-workflows';
import { DashboardController } from './dashboard.controller';
import { DashboardQueries } from './dashboard.queries';

/** Overview, case list and case page: the read model and the workflows' live state. */
@Module({
  controllers: [DashboardController],
  providers: [DashboardQueries, PathWorkflows],
})
export class DashboardModule {}
