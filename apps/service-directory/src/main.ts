import 'reflect-metadata';
import { serve } from '@reintegra/platform-service';
import { ServiceDirectoryModule } from './service-directory.module';
import { serviceDirectoryService } from './service';

// One process: the HTTP API (directory, HSDS, routing), the outbox relay and the capacity consumer.
serve(serviceDirectoryService, (config) => ServiceDirectoryModule.register(config));
