import { Module } from '@nestjs/common';
import { CoreModule } from '../core/core.module';
import { HouseholdsController } from './households.controller';
import { HouseholdsService } from './households.service';

/** Households: relationship links between people, relatives who did not return, families from arrival lists. */
@Module({
  imports: [CoreModule],
  controllers: [HouseholdsController],
  providers: [HouseholdsService],
})
export class HouseholdsModule {}
