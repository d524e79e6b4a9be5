import { z } from 'zod';
import { activityChangedV1 } from '../community/activity-changed.v1';
import { activityKindSchema, targetGroupSchema } from '../community/community-vocabulary';
import { directoryServiceChangedV1 } from '../directory/directory-events.v1';
import { definePartnerEvent } from './partner-events.v1';

/**
 * Public listings: facts about services and community activities, never about a person. They
 * need no consent and carry no pseudonym of a case: the envelope's `subject` is a digest of the
 * service or activity id, the same for every agency (nothing about a person is behind it), so
 * that events about one service stay in order and keep the envelope's published format. Everything here is what the directory or the activity's poster
 * would show anyone.
 *
 * Deliberately absent from the activity event: any count of participants (joined, sustained,
 * dropped off) by origin. Activities are small and every change is an event at day precision, so
 * a count that moves by one the day a person reaches a milestone tells a partner who knows that
 * person (the NGO that referred them, a neighbour in the group) what happened to them, whatever
 * the threshold — suppression under 5 protects a periodic table, not a stream of differences.
 * Participation figures stay in the supervisors' dashboard and the suppressed statistics.
 */

/** Services a public listing may name: every directory service type but victim support. */
export const partnerListedServiceSchema = z
  .enum([
    'employment',
    'education',
    'psychosocial',
    'legal-documents',
    'health',
    'housing',
    'community',
  ])
  .describe('Tipo de servicio / service type');
export type PartnerListedService = z.infer<typeof partnerListedServiceSchema>;

const municipalityCodeSchema = z
  .string()
  .min(1)
  .max(60)
  .describe('Municipio (código 2024) / municipality (2024 code)');
const districtCodeSchema = z
  .string()
  .min(1)
  .max(100)
  .optional()
  .describe('Distrito, si se conoce / district, when known');
const organisationSchema = z
  .string()
  .min(1)
  .max(100)
  .describe('Organización que presta el servicio / organisation providing it');

export const partnerDirectoryServiceChangedV1 = definePartnerEvent({
  type: 'sv.reintegra.partner.directory-service-changed.v1',
  title: 'Servicio del directorio / Directory service changed',
  description:
    'Un servicio del directorio se creó, cambió, informó sus cupos o se dio de baja: su estado completo (tipo, organización, municipio, requisitos, cupos libres). Información pública del servicio, nunca de personas; nunca servicios de atención a víctimas. / A directory service was created, changed, reported its free places or was deactivated: its full state (type, organisation, municipality, eligibility, free places). Public information about the service, never about people; never victim-support services.',
  derivedFrom: [directoryServiceChangedV1.type],
  mandatory: false,
  data: z.object({
    serviceId: z.uuid().describe('Id del servicio (HSDS) / service id (HSDS)'),
    locationId: z.uuid().describe('Id del lugar de atención (HSDS) / service location id (HSDS)'),
    organizationId: organisationSchema,
    serviceType: partnerListedServiceSchema,
    status: z
      .enum(['active', 'inactive', 'defunct', 'temporarily closed'])
      .describe('Estado (HSDS) / status (HSDS)'),
    municipalityCode: municipalityCodeSchema,
    districtCode: districtCodeSchema,
    eligibility: z
      .object({
        womenOnly: z.boolean().describe('Solo para mujeres / women only'),
        minimumAge: z.int().min(0).max(130).optional().describe('Edad mínima / minimum age'),
        maximumAge: z.int().min(0).max(130).optional().describe('Edad máxima / maximum age'),
      })
      .describe('Requisitos de admisión / eligibility rules'),
    freePlaces: z
      .int()
      .min(0)
      .optional()
      .describe(
        'Cupos libres según el último informe; ausente si no se conocen / free places as last reported; absent when unknown',
      ),
    change: z
      .enum(['created', 'updated', 'capacity-reported', 'deactivated'])
      .describe('Qué cambió / what changed'),
  }),
  example: {
    serviceId: '3f2b8c1e-5d4a-4e6f-9a7b-1c2d3e4f5a6b',
    locationId: '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d',
    organizationId: 'oficina-empleo-la-paz-este',
    serviceType: 'employment',
    status: 'active',
    municipalityCode: 'SV-PA-LA-PAZ-ESTE',
    districtCode: 'SV-PA-LA-PAZ-ESTE/ZACATECOLUCA',
    eligibility: { womenOnly: false, minimumAge: 18 },
    freePlaces: 12,
    change: 'capacity-reported',
  },
});
export type PartnerDirectoryServiceChangedV1 = z.infer<
  typeof partnerDirectoryServiceChangedV1.data
>;

export const partnerCommunityActivityChangedV1 = definePartnerEvent({
  type: 'sv.reintegra.partner.community-activity-changed.v1',
  title: 'Actividad comunitaria / Community activity changed',
  description:
    'Una actividad de inclusión comunitaria se abrió, cambió o cerró: tipo, organización, municipio, grupos a los que se dirige, idiomas, cupo y plazas libres. Nunca participantes ni cifras de participación. / A community inclusion activity was opened, changed or closed: kind, organisation, municipality, target groups, languages, capacity and free seats. Never participants nor participation figures.',
  derivedFrom: [activityChangedV1.type],
  mandatory: false,
  data: z.object({
    activityId: z.uuid().describe('Id de la actividad / activity id'),
    organizationId: organisationSchema,
    kind: activityKindSchema,
    municipalityCode: municipalityCodeSchema,
    districtCode: districtCodeSchema,
    open: z.boolean().describe('Admite nuevas personas / takes newcomers'),
    capacity: z.int().min(1).describe('Cupo / capacity'),
    seatsAvailable: z.int().min(0).describe('Plazas libres / free seats'),
    targetGroups: z.array(targetGroupSchema).describe('A quién se dirige / who it is meant for'),
    languages: z.array(z.string().regex(/^[a-z]{2,3}$/)).describe('Idiomas (ISO 639) / languages'),
    change: z.enum(['opened', 'updated', 'closed']).describe('Qué cambió / what changed'),
  }),
  example: {
    activityId: '5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e',
    organizationId: 'casa-cultura-zacatecoluca',
    kind: 'sport',
    municipalityCode: 'SV-PA-LA-PAZ-ESTE',
    districtCode: 'SV-PA-LA-PAZ-ESTE/ZACATECOLUCA',
    open: true,
    capacity: 20,
    seatsAvailable: 7,
    targetGroups: ['returnees', 'residents', 'youth'],
    languages: ['es'],
    change: 'updated',
  },
});
export type PartnerCommunityActivityChangedV1 = z.infer<
  typeof partnerCommunityActivityChangedV1.data
>;
