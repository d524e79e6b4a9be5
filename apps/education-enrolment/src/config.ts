import {
  type ConfigOf,
  databaseConfigSpec,
  kafkaConfigSpec,
  serviceConfigSpec,
} from '@reintegra/platform-config';

export const SERVICE_NAME = 'education-enrolment';

export const educationEnrolmentConfigSpec = {
  ...serviceConfigSpec(3104),
  ...databaseConfigSpec('education_enrolment'),
  ...kafkaConfigSpec('education-enrolment'),
};

export type EducationEnrolmentConfig = ConfigOf<typeof educationEnrolmentConfigSpec>;
