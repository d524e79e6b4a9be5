import 'reflect-metadata';
import { serve } from '@reintegra/platform-service';
import { EmploymentMatchingModule } from './employment-matching.module';
import { employmentMatchingService } from './service';

// One process: the HTTP API, the outbox relay and the intake/path event consumer.
serve(employmentMatchingService, (config) => EmploymentMatchingModule.register(config));
