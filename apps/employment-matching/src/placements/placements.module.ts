import { Module } from '@nestjs/common';
import { CoreModule } from '../core/core.module';
import { PlacementsController } from './placements.controller';
import { PlacementsService } from './placements.service';
import { RetentionService } from './retention.service';

@Module({
  imports: [CoreModule],
  controllers: [PlacementsController],
  providers: [PlacementsService, RetentionService],
  exports: [PlacementsService],
})
export class PlacementsModule {}
