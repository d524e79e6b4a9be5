import 'reflect-metadata';
import { serve } from '@reintegra/platform-service';
import { EducationEnrolmentModule } from './education-enrolment.module';
import { educationEnrolmentService } from './service';

// One process: the HTTP API, the outbox relay and the referral consumer.
serve(educationEnrolmentService, (config) => EducationEnrolmentModule.register(config));
