import type { ServiceDefinition } from '@reintegra/platform-service';
import { DOCUMENT_BYTES_CEILING, intakeConfigSpec, SERVICE_NAME } from './config';
import { UPLOAD_TYPES } from './documents/document-type';
import { intakeDataSource } from './database/intake-data-source';

export const intakeService: ServiceDefinition<typeof intakeConfigSpec> = {
  name: SERVICE_NAME,
  configSpec: intakeConfigSpec,
  database: 'intake',
  dataSource: intakeDataSource,
  apiDescription:
    'Registro de personas retornadas, consentimiento y remisiones del municipio. / Municipal intake: returnee registration, lists, arrival lists (pre-intake), consent and referrals.',
  // Arrival lists (flight and bus manifests, CSV or JSON) are larger than ordinary requests.
  largeBodyRoutes: [{ path: '/arrival-lists', limit: '5mb' }],
  // Document uploads are the file's raw bytes, on this route alone (the service checks what they are).
  binaryBodyRoutes: [
    { path: '/cases/:caseId/documents', types: UPLOAD_TYPES, limit: DOCUMENT_BYTES_CEILING },
  ],
  temporalClient: true,
  publishesEvents: true,
  consumesEvents: true,
};
