import { Module } from '@nestjs/common';
import { PathActivitiesProvider } from './path-activities.service';

/** The workflows' side effects (outbox writes, provider directory), for the worker to register. */
@Module({
  providers: [PathActivitiesProvider],
  exports: [PathActivitiesProvider],
})
export class PathActivitiesModule {}
