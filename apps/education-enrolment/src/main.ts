import 'reflect-metadata';
import { serve } from '@reintegra/platform-service';
import { EducationEnrolmentModule } from './education-enrolment.module';
import { educationEnrolmentService } from './service';

serve(educationEnrolmentService, (config) => EducationEnrolmentModule.register(config));
