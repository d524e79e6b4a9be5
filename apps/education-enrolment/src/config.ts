import { z } from 'zod';
import {
  type ConfigOf,
  databaseConfigSpec,
  kafkaConfigSpec,
  serviceConfigSpec,
  variable,
} from '@reintegra/platform-config';
import { authConfigSpec } from '@reintegra/platform-auth';
import { consumerConfigSpec, outboxConfigSpec } from '@reintegra/platform-messaging';

export const SERVICE_NAME = 'education-enrolment';

export const educationEnrolmentConfigSpec = {
  ...serviceConfigSpec(3104),
  ...databaseConfigSpec('education_enrolment'),
  ...kafkaConfigSpec('education-enrolment'),
  ...authConfigSpec(),
  ...outboxConfigSpec(),
  ...consumerConfigSpec('education-enrolment'),
  ATTENDANCE_AT_RISK_ABSENCES: variable(
    z.coerce.number().int().min(1).max(50).default(3),
    'Consecutive missed sessions after which a learner is reported at risk of dropping out.',
  ),
};

export type EducationEnrolmentConfig = ConfigOf<typeof educationEnrolmentConfigSpec>;
