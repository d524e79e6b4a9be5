import { Module } from '@nestjs/common';
import { DirectoryClient, directoryClientSettings } from './directory-client.service';
import { PathActivitiesProvider } from './path-activities.service';

/** The workflows' side effects (outbox writes, the service directory's routing), for the worker to register. */
@Module({
  providers: [PathActivitiesProvider, DirectoryClient, directoryClientSettings],
  exports: [PathActivitiesProvider],
})
export class PathActivitiesModule {}
