import {
  type ConfigOf,
  databaseConfigSpec,
  kafkaConfigSpec,
  serviceConfigSpec,
} from '@reintegra/platform-config';
import { authConfigSpec } from '@reintegra/platform-auth';

export const SERVICE_NAME = 'education-enrolment';

export const educationEnrolmentConfigSpec = {
  ...serviceConfigSpec(3104),
  ...databaseConfigSpec('education_enrolment'),
  ...kafkaConfigSpec('education-enrolment'),
  ...authConfigSpec(),
};

export type EducationEnrolmentConfig = ConfigOf<typeof educationEnrolmentConfigSpec>;
