import type { ServiceDefinition } from '@reintegra/platform-service';
import { educationEnrolmentConfigSpec, SERVICE_NAME } from './config';
import { educationEnrolmentDataSource } from './database/education-enrolment-data-source';

export const educationEnrolmentService: ServiceDefinition<typeof educationEnrolmentConfigSpec> = {
  name: SERVICE_NAME,
  configSpec: educationEnrolmentConfigSpec,
  database: 'education_enrolment',
  dataSource: educationEnrolmentDataSource,
  apiDescription:
    'Oferta educativa, matrícula con lista de espera y asistencia. / Education: catalogue, enrolment with waitlist, attendance and referral handling.',
  publishesEvents: true,
  consumesEvents: true,
};
