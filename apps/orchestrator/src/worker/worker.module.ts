import { Module } from '@nestjs/common';
import { PathActivitiesModule } from '../path-activities/path-activities.module';
import { ReintegrationWorker } from './reintegration-worker.service';

/** The Temporal worker of the paths, hosted in the orchestrator process. */
@Module({
  imports: [PathActivitiesModule],
  providers: [ReintegrationWorker],
})
export class WorkerModule {}
