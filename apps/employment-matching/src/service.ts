import type { ServiceDefinition } from '@reintegra/platform-service';
import { employmentMatchingConfigSpec, SERVICE_NAME } from './config';
import { employmentMatchingDataSource } from './database/employment-matching-data-source';

export const employmentMatchingService: ServiceDefinition<typeof employmentMatchingConfigSpec> = {
  name: SERVICE_NAME,
  configSpec: employmentMatchingConfigSpec,
  database: 'employment_matching',
  dataSource: employmentMatchingDataSource,
  apiDescription:
    'Perfiles laborales, ofertas, emparejamiento explicable, colocaciones, escuelas taller y emprendimientos. / Employment: skills profiles, vacancies, explainable matching, placements, workshop schools and entrepreneurship.',
  publishesEvents: true,
  consumesEvents: true,
};
