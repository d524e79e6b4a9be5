import { z } from 'zod';
import { type ConfigOf, variable } from '@reintegra/platform-config';
import { foundationConfigSpec } from '@reintegra/platform-service';
import { consumerConfigSpec, outboxConfigSpec } from '@reintegra/platform-messaging';

export const SERVICE_NAME = 'education-enrolment';

export const educationEnrolmentConfigSpec = {
  ...foundationConfigSpec({ port: 3104, database: 'education_enrolment', name: SERVICE_NAME }),
  ...outboxConfigSpec(),
  ...consumerConfigSpec(SERVICE_NAME),
  ATTENDANCE_AT_RISK_ABSENCES: variable(
    z.coerce.number().int().min(1).max(50).default(3),
    'Consecutive missed sessions after which a learner is reported at risk of dropping out.',
  ),
};

export type EducationEnrolmentConfig = ConfigOf<typeof educationEnrolmentConfigSpec>;
