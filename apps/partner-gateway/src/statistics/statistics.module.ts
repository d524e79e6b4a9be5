import { Module } from '@nestjs/common';
import { CoreModule } from '../core/core.module';
import { RegistryModule } from '../registry/registry.module';
import { AdminStatisticsController, AgencyStatisticsController } from './statistics.controller';
import { StatisticsService } from './statistics.service';

/** Aggregate referral statistics from the gateway's own projections. */
@Module({
  imports: [CoreModule, RegistryModule],
  controllers: [AdminStatisticsController, AgencyStatisticsController],
  providers: [StatisticsService],
})
export class StatisticsModule {}
