import type { ScheduleRow } from '../core/directory.queries';
import type {
  LocationInput,
  OrganizationInput,
  ServiceInput,
} from '../directory/directory-writes.queries';
import { stableUuid } from '../hsds/hsds-ids';

/**
 * A fictional demo directory: La Paz Este (Zacatecoluca, San Juan Nonualco, San Rafael Obrajuelo),
 * La Paz Centro and San Salvador Centro. Names are invented; ids are fixed so a second seed
 * changes nothing. Capacity is as reported; live capacity events take precedence.
 */
const LPE = 'SV-PA-LA-PAZ-ESTE';
const LPC = 'SV-PA-LA-PAZ-CENTRO';
const SSC = 'SV-SS-SAN-SALVADOR-CENTRO';

const weekdays = (opens: string, closes: string): ScheduleRow[] => [
  { byday: 'MO,TU,WE,TH,FR', opens_at: opens, closes_at: closes },
];

export const DEMO_ORGANIZATIONS: OrganizationInput[] = [
  {
    id: 'alcaldia-la-paz-este-vivienda',
    name: 'Unidad Municipal de Vivienda La Paz Este',
    description: 'Albergue temporal y apoyo para alquiler de la alcaldía.',
    municipalityCode: LPE,
  },
  {
    id: 'casa-acogida-nonualco',
    name: 'Casa de Acogida Los Nonualcos',
    description: 'Albergue de corta estancia para personas retornadas sin red familiar.',
    municipalityCode: LPE,
  },
  {
    id: 'refugio-mujeres-zacatecoluca',
    name: 'Refugio Mujeres Adelante',
    description: 'Alojamiento seguro y acompañamiento para mujeres.',
    municipalityCode: LPE,
  },
  {
    id: 'clinica-comunal-zacatecoluca',
    name: 'Clínica Comunal Santa Lucía',
    description: 'Atención primaria, salud mental y salud sexual y reproductiva.',
    municipalityCode: LPE,
  },
  {
    id: 'psicosocial-esperanza',
    name: 'Asociación Esperanza Psicosocial',
    description: 'Grupos de apoyo y atención psicológica para personas retornadas.',
    municipalityCode: LPE,
  },
  {
    id: 'juridica-nonualca',
    name: 'Clínica Jurídica Nonualca',
    description: 'Asesoría legal gratuita y trámite de documentos de identidad.',
    municipalityCode: LPE,
  },
  {
    id: 'oficina-empleo-la-paz-este',
    name: 'Oficina Municipal de Empleo La Paz Este',
    description: 'Intermediación laboral y talleres de empleabilidad.',
    municipalityCode: LPE,
  },
  {
    id: 'centro-escolar-zacatecoluca',
    name: 'Centro Escolar Nocturno Zacatecoluca',
    description: 'Educación flexible para jóvenes y adultos.',
    municipalityCode: LPE,
  },
  {
    id: 'albergue-san-pedro-nonualco',
    name: 'Albergue Comunitario San Pedro',
    description: 'Albergue parroquial de paso.',
    municipalityCode: LPC,
  },
  {
    id: 'unidad-salud-santiago-nonualco',
    name: 'Unidad de Salud Familiar Santiago',
    description: 'Atención primaria y vacunación.',
    municipalityCode: LPC,
  },
  {
    id: 'ong-caminos-la-paz',
    name: 'ONG Caminos de Regreso',
    description: 'Acompañamiento psicosocial y comunitario en La Paz.',
    municipalityCode: LPC,
  },
  {
    id: 'vivienda-solidaria-ss',
    name: 'Fundación Vivienda Solidaria',
    description: 'Vivienda transitoria y mejoramiento de vivienda.',
    municipalityCode: SSC,
  },
  {
    id: 'centro-legal-migrantes-ss',
    name: 'Centro Legal para Migrantes',
    description: 'Documentos, recuperación de bienes y asesoría migratoria.',
    municipalityCode: SSC,
  },
  {
    id: 'salud-mental-mejicanos',
    name: 'Centro Comunitario de Salud Mental Mejicanos',
    description: 'Atención psicológica individual y grupal.',
    municipalityCode: SSC,
  },
  {
    id: 'casa-mujer-ss',
    name: 'Casa de la Mujer San Salvador',
    description: 'Refugio y atención integral para mujeres.',
    municipalityCode: SSC,
  },
];

type DemoLocation = LocationInput & { id: string };
const loc = (
  organizationId: string,
  name: string,
  municipalityCode: string,
  district: string,
  address1: string,
): DemoLocation => ({
  id: stableUuid('demo-location', organizationId, name),
  organizationId,
  name,
  address1,
  municipalityCode,
  districtCode: `${municipalityCode}/${district}`,
});

export const DEMO_LOCATIONS: DemoLocation[] = [
  loc(
    'alcaldia-la-paz-este-vivienda',
    'Sede Zacatecoluca',
    LPE,
    'ZACATECOLUCA',
    'Avenida Juan Manuel Rodríguez 12',
  ),
  loc(
    'casa-acogida-nonualco',
    'Casa San Juan Nonualco',
    LPE,
    'SAN-JUAN-NONUALCO',
    'Barrio El Centro, calle principal',
  ),
  loc(
    'refugio-mujeres-zacatecoluca',
    'Refugio (dirección reservada)',
    LPE,
    'ZACATECOLUCA',
    'Dirección reservada',
  ),
  loc(
    'clinica-comunal-zacatecoluca',
    'Clínica Santa Lucía',
    LPE,
    'ZACATECOLUCA',
    'Colonia Santa Lucía, pasaje 3',
  ),
  loc(
    'psicosocial-esperanza',
    'Sede San Rafael Obrajuelo',
    LPE,
    'SAN-RAFAEL-OBRAJUELO',
    'Calle al estadio 5',
  ),
  loc('juridica-nonualca', 'Oficina Zacatecoluca', LPE, 'ZACATECOLUCA', 'Segunda calle oriente 8'),
  loc(
    'oficina-empleo-la-paz-este',
    'Oficina de empleo',
    LPE,
    'ZACATECOLUCA',
    'Alcaldía, segundo nivel',
  ),
  loc('centro-escolar-zacatecoluca', 'Centro Escolar', LPE, 'ZACATECOLUCA', 'Barrio San José'),
  loc(
    'albergue-san-pedro-nonualco',
    'Albergue parroquial',
    LPC,
    'SAN-PEDRO-NONUALCO',
    'Frente a la iglesia',
  ),
  loc(
    'unidad-salud-santiago-nonualco',
    'Unidad de Salud',
    LPC,
    'SANTIAGO-NONUALCO',
    'Carretera a Zacatecoluca km 2',
  ),
  loc('ong-caminos-la-paz', 'Sede El Rosario', LPC, 'EL-ROSARIO', 'Calle principal 20'),
  loc(
    'vivienda-solidaria-ss',
    'Oficina central',
    SSC,
    'SAN-SALVADOR',
    'Boulevard de los Héroes 1100',
  ),
  loc('centro-legal-migrantes-ss', 'Oficina San Salvador', SSC, 'SAN-SALVADOR', 'Calle Arce 415'),
  loc('salud-mental-mejicanos', 'Centro Mejicanos', SSC, 'MEJICANOS', 'Avenida Castro Morán 9'),
  loc('casa-mujer-ss', 'Casa (dirección reservada)', SSC, 'SAN-SALVADOR', 'Dirección reservada'),
];

const locationOf = (organizationId: string) => {
  const found = DEMO_LOCATIONS.find((l) => l.organizationId === organizationId);
  if (!found) throw new Error(`demo location of ${organizationId} missing`);
  return found;
};

type DemoService = ServiceInput & { id: string };
const svc = (
  organizationId: string,
  name: string,
  serviceType: string,
  extra: Partial<ServiceInput> = {},
): DemoService => ({
  id: stableUuid('demo-service', organizationId, name),
  organizationId,
  locationId: locationOf(organizationId).id,
  name,
  serviceType,
  status: 'active',
  womenOnly: false,
  requiredDocuments: ['dui'],
  languages: ['es'],
  schedules: weekdays('08:00', '16:00'),
  ...extra,
});

export const DEMO_SERVICES: DemoService[] = [
  svc('alcaldia-la-paz-este-vivienda', 'Albergue temporal municipal', 'housing', {
    minimumAge: 18,
    capacityMaximum: 12,
    capacityAvailable: 3,
    description: 'Hasta 30 noches mientras se busca vivienda.',
  }),
  svc('alcaldia-la-paz-este-vivienda', 'Apoyo para alquiler', 'housing', {
    minimumAge: 18,
    capacityAvailable: 0,
    description: 'Subsidio de alquiler por 3 meses.',
  }),
  svc('casa-acogida-nonualco', 'Acogida de corta estancia', 'housing', {
    minimumAge: 18,
    capacityMaximum: 8,
    capacityAvailable: 2,
    languages: ['es', 'en'],
  }),
  svc('refugio-mujeres-zacatecoluca', 'Refugio para mujeres', 'housing', {
    womenOnly: true,
    capacityMaximum: 6,
    capacityAvailable: 1,
    schedules: [
      {
        byday: 'MO,TU,WE,TH,FR,SA,SU',
        opens_at: '00:00',
        closes_at: '23:59',
        description: '24 horas',
      },
    ],
  }),
  svc('clinica-comunal-zacatecoluca', 'Consulta general', 'health', { requiredDocuments: [] }),
  svc('clinica-comunal-zacatecoluca', 'Salud sexual y reproductiva para mujeres', 'health', {
    womenOnly: true,
    minimumAge: 15,
    requiredDocuments: [],
  }),
  svc('psicosocial-esperanza', 'Grupo de apoyo para personas retornadas', 'psychosocial', {
    minimumAge: 18,
    capacityMaximum: 15,
    capacityAvailable: 6,
    schedules: [{ byday: 'SA', opens_at: '09:00', closes_at: '12:00' }],
  }),
  svc('psicosocial-esperanza', 'Atención psicológica para adolescentes', 'psychosocial', {
    minimumAge: 12,
    maximumAge: 17,
    requiredDocuments: ['birth-certificate', 'guardian-authorisation'],
  }),
  svc('juridica-nonualca', 'Reposición de DUI y partida de nacimiento', 'legal-documents', {
    requiredDocuments: ['deportation-record'],
    capacityAvailable: 10,
  }),
  svc('oficina-empleo-la-paz-este', 'Intermediación laboral', 'employment', { minimumAge: 18 }),
  svc('centro-escolar-zacatecoluca', 'Bachillerato nocturno', 'education', {
    minimumAge: 15,
    requiredDocuments: ['birth-certificate'],
  }),
  svc('albergue-san-pedro-nonualco', 'Albergue de paso', 'housing', {
    capacityMaximum: 10,
    capacityAvailable: 4,
  }),
  svc('unidad-salud-santiago-nonualco', 'Atención primaria', 'health', { requiredDocuments: [] }),
  svc('ong-caminos-la-paz', 'Acompañamiento psicosocial comunitario', 'psychosocial', {
    capacityAvailable: 5,
  }),
  svc('vivienda-solidaria-ss', 'Vivienda transitoria', 'housing', {
    minimumAge: 18,
    capacityMaximum: 20,
    capacityAvailable: 7,
  }),
  svc('centro-legal-migrantes-ss', 'Asesoría migratoria y documentos', 'legal-documents', {
    languages: ['es', 'en'],
  }),
  svc('salud-mental-mejicanos', 'Terapia individual', 'psychosocial', { minimumAge: 18 }),
  svc('casa-mujer-ss', 'Refugio y atención integral para mujeres', 'housing', {
    womenOnly: true,
    capacityAvailable: 2,
  }),
];
