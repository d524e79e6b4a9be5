import type { ServiceDefinition } from '@reintegra/platform-service';
import { communityInclusionConfigSpec, SERVICE_NAME } from './config';
import { communityInclusionDataSource } from './database/community-inclusion-data-source';

export const communityInclusionService: ServiceDefinition<typeof communityInclusionConfigSpec> = {
  name: SERVICE_NAME,
  configSpec: communityInclusionConfigSpec,
  database: 'community_inclusion',
  dataSource: communityInclusionDataSource,
  apiDescription:
    'Actividades de inclusión social y cultural: participantes, asistencia, participación sostenida, co-diseño y resultados. / Social and cultural inclusion activities: participants, attendance, sustained participation, co-design and outcomes.',
  publishesEvents: true,
  consumesEvents: true,
};
