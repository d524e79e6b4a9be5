import 'reflect-metadata';
import { serve } from '@reintegra/platform-service';
import { EmploymentMatchingModule } from './employment-matching.module';
import { employmentMatchingService } from './service';

serve(employmentMatchingService, (config) => EmploymentMatchingModule.register(config));
