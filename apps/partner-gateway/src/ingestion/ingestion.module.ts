import { Module } from '@nestjs/common';
import { CoreModule } from '../core/core.module';
import { DeliveryModule } from '../delivery/delivery.module';
import { InternalEventsConsumer } from './internal-events.consumer';
import { InternalEventsService } from './internal-events.service';
import { ListingRouter } from './listing-router.service';
import { Maintenance } from './maintenance.service';
import { PartnerRouter } from './partner-router.service';

/**
 * The consumer of the internal topics: the gateway's projections, the derived public events per
 * agency (held until consent and registration are known) and the housekeeping of both.
 */
@Module({
  imports: [CoreModule, DeliveryModule],
  controllers: [InternalEventsConsumer],
  providers: [InternalEventsService, PartnerRouter, ListingRouter, Maintenance],
})
export class IngestionModule {}
