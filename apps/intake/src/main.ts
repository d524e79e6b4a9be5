import 'reflect-metadata';
import { serve } from '@reintegra/platform-service';
import { IntakeModule } from './intake.module';
import { intakeService } from './service';

serve(intakeService, (config) => IntakeModule.register(config));
