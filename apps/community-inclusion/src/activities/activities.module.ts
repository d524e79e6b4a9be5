import { Module } from '@nestjs/common';
import { CommunityCoreModule } from '../core/community-core.module';
import { ActivitiesController } from './activities.controller';
import { ActivitiesService } from './activities.service';

/** The activity catalogue of a municipality. */
@Module({
  imports: [CommunityCoreModule],
  controllers: [ActivitiesController],
  providers: [ActivitiesService],
})
export class ActivitiesModule {}
