import { z } from 'zod';
import {
  caseClosedV1,
  closureReasonSchema,
  episodeOpenedV1,
  scoreComputedV1,
  scoreDimensionSchema,
} from '../intake/case-lifecycle.v1';
import { consentWithdrawnV1 } from '../intake/consent.v1';
import { returneeRegisteredV1 } from '../intake/returnee-registered.v1';
import { pathPhaseChangedV1, pathPhaseSchema } from '../path/path-events.v1';
import { referralRequestedV1 } from '../referrals/referral-requested.v1';
import { referralStatusChangedV1 } from '../referrals/referral-status-changed.v1';
import { referralPrioritySchema, referralStatusSchema } from '../referrals/referral-vocabulary';
import {
  dimensionScoreFields,
  districtCodeSchema,
  municipalityCodeSchema,
  versionLabelSchema,
} from '../shared/fields';
import { pseudonymSchema } from './partner-envelope';

/**
 * Public event contracts for partner agencies. Each is derived from internal events by the partner
 * gateway and carries no names, no contact, no DUI, no questionnaire answers, no internal ids
 * (case, returnee, referral and consent ids are replaced by per-agency pseudonyms) and nothing
 * about victim support. Dates are generalised (month of return; event time truncated to the day).
 */
export interface PartnerEventDefinition<TSchema extends z.ZodType = z.ZodType> {
  readonly type: string;
  /** Short title, Spanish / English. */
  readonly title: string;
  /** What happened and when it is sent, Spanish / English. */
  readonly description: string;
  /** Internal event types it is derived from (documentation; the gateway holds the mapping). */
  readonly derivedFrom: readonly string[];
  /** Sent to every subscription of an agency that received data, whatever its event types. */
  readonly mandatory: boolean;
  readonly data: TSchema;
  /** A valid payload, shown in the catalogue and checked against the schema by the tests. */
  readonly example: z.input<TSchema>;
}

export function definePartnerEvent<TSchema extends z.ZodType>(
  definition: PartnerEventDefinition<TSchema>,
): PartnerEventDefinition<TSchema> {
  return definition;
}

/** Services a public referral event may name: victim support is never disclosed. */
export const partnerReferralServiceSchema = z
  .enum(['employment', 'education', 'psychosocial', 'legal-documents', 'health', 'housing'])
  .describe('Servicio / service');
export type PartnerReferralService = z.infer<typeof partnerReferralServiceSchema>;

const referralRefSchema = pseudonymSchema.describe(
  'Seudónimo de la remisión para su agencia / pseudonym of the referral for your agency',
);

/** Which referral (by pseudonym) and which service: what both referral events start with. */
const partnerReferralFields = {
  referralRef: referralRefSchema,
  service: partnerReferralServiceSchema,
};

export const partnerCaseOpenedV1 = definePartnerEvent({
  type: 'sv.reintegra.partner.case-opened.v1',
  title: 'Expediente abierto / Case opened',
  description:
    'Una persona retornada fue registrada y se abrió un expediente (episodio de retorno). / A returnee was registered and a case (return episode) opened.',
  derivedFrom: [returneeRegisteredV1.type, episodeOpenedV1.type],
  mandatory: false,
  data: z.object({
    episodeNumber: z
      .int()
      .min(1)
      .describe('1 para el primer retorno, 2 para el segundo… / 1 for the first return, …'),
    municipalityCode: municipalityCodeSchema.describe(
      'Municipio de residencia (código 2024) / municipality of residence (2024 code)',
    ),
    districtCode: districtCodeSchema
      .optional()
      .describe('Distrito, si se conoce / district, when known'),
    countryReturnedFrom: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .describe('País desde el que retornó (ISO 3166-1 alfa-2) / country returned from'),
    minor: z.boolean().describe('Menor de 18 años al retornar / under 18 on return'),
    returnMonth: z
      .string()
      .regex(/^[0-9]{4}-(0[1-9]|1[0-2])$/)
      .describe(
        'Mes de retorno (AAAA-MM; nunca el día) / month of return (YYYY-MM; never the day)',
      ),
  }),
  example: {
    episodeNumber: 1,
    municipalityCode: 'SV-PA-LA-PAZ-ESTE',
    districtCode: 'SV-PA-LA-PAZ-ESTE/ZACATECOLUCA',
    countryReturnedFrom: 'US',
    minor: false,
    returnMonth: '2026-11',
  },
});
export type PartnerCaseOpenedV1 = z.infer<typeof partnerCaseOpenedV1.data>;

export const partnerReferralRequestedV1 = definePartnerEvent({
  type: 'sv.reintegra.partner.referral-requested.v1',
  title: 'Remisión solicitada / Referral requested',
  description:
    'La oficina municipal remitió el expediente a un servicio (nunca atención a víctimas). / The municipal office referred the case to a service (never victim support).',
  derivedFrom: [referralRequestedV1.type],
  mandatory: false,
  data: z.object({
    ...partnerReferralFields,
    priority: referralPrioritySchema.describe(
      'Prioridad: emergency 24 h, urgent 72 h, normal 14 días / priority and acknowledgement deadline',
    ),
  }),
  example: {
    referralRef: 'Qm9sZXRhLWRlLWVqZW1wbG8tcmVmZXJlbmNpYS0wMDE',
    service: 'employment',
    priority: 'normal',
  },
});
export type PartnerReferralRequestedV1 = z.infer<typeof partnerReferralRequestedV1.data>;

export const partnerReferralStatusChangedV1 = definePartnerEvent({
  type: 'sv.reintegra.partner.referral-status-changed.v1',
  title: 'Estado de la remisión / Referral status changed',
  description:
    'Un servicio informó el estado de una remisión (aceptada, rechazada, en curso, completada…). / A service reported where a referral stands.',
  derivedFrom: [referralStatusChangedV1.type],
  mandatory: false,
  data: z.object({
    ...partnerReferralFields,
    providerId: z
      .string()
      .min(1)
      .max(100)
      .describe('Organización que informa / reporting organisation'),
    status: referralStatusSchema.describe('Estado tras el cambio / status after the change'),
  }),
  example: {
    referralRef: 'Qm9sZXRhLWRlLWVqZW1wbG8tcmVmZXJlbmNpYS0wMDE',
    service: 'employment',
    providerId: 'oficina-empleo-la-paz-este',
    status: 'accepted',
  },
});
export type PartnerReferralStatusChangedV1 = z.infer<typeof partnerReferralStatusChangedV1.data>;

export const partnerPathPhaseChangedV1 = definePartnerEvent({
  type: 'sv.reintegra.partner.path-phase-changed.v1',
  title: 'Fase del itinerario / Path phase changed',
  description:
    'El itinerario de reintegración pasó a otra fase. / The reintegration path moved to another phase.',
  derivedFrom: [pathPhaseChangedV1.type],
  mandatory: false,
  data: z.object({
    from: pathPhaseSchema.describe('Fase anterior / previous phase'),
    to: pathPhaseSchema.describe('Fase nueva / new phase'),
  }),
  example: { from: 'assessed', to: 'plan-approved' },
});
export type PartnerPathPhaseChangedV1 = z.infer<typeof partnerPathPhaseChangedV1.data>;

export const partnerSustainabilityScoreV1 = definePartnerEvent({
  type: 'sv.reintegra.partner.sustainability-score.v1',
  title: 'Puntaje de sostenibilidad / Sustainability score',
  description:
    'Puntaje de reintegración sostenible (0–1, 1 = más sostenible) por dimensión, nunca las respuestas. / Sustainable reintegration score per dimension (0–1), never the answers.',
  derivedFrom: [scoreComputedV1.type],
  mandatory: false,
  data: z.object({
    purpose: z
      .enum(['baseline', 'follow-up', 're-score'])
      .describe('Línea de base, seguimiento o recálculo / baseline, follow-up or re-score'),
    wave: z.int().min(1).optional().describe('Ola de seguimiento / follow-up wave'),
    scoringVersion: versionLabelSchema.describe('Versión de pesos / scoring version'),
    scores: z.object({
      ...dimensionScoreFields,
      incompleteDimensions: z
        .array(scoreDimensionSchema)
        .describe('Dimensiones con menos del 60 % respondido / dimensions under 60 % answered'),
    }),
  }),
  example: {
    purpose: 'baseline',
    scoringVersion: 'equal-weights-1',
    scores: {
      economic: 0.42,
      social: 0.67,
      psychosocial: 0.58,
      composite: 0.56,
      incompleteDimensions: [],
    },
  },
});
export type PartnerSustainabilityScoreV1 = z.infer<typeof partnerSustainabilityScoreV1.data>;

export const partnerCaseClosedV1 = definePartnerEvent({
  type: 'sv.reintegra.partner.case-closed.v1',
  title: 'Expediente cerrado / Case closed',
  description: 'El expediente se cerró con un motivo. / The case was closed with a reason.',
  derivedFrom: [caseClosedV1.type],
  mandatory: false,
  data: z.object({ reason: closureReasonSchema.describe('Motivo del cierre / closure reason') }),
  example: { reason: 'reintegrated' },
});
export type PartnerCaseClosedV1 = z.infer<typeof partnerCaseClosedV1.data>;

export const partnerDataRedactionRequestedV1 = definePartnerEvent({
  type: 'sv.reintegra.partner.data-redaction-requested.v1',
  title: 'Supresión de datos solicitada / Data redaction requested',
  description:
    'La persona retiró su consentimiento para compartir con su categoría de agencia: borre todo lo recibido sobre este seudónimo; no recibirá más eventos sobre él. Se envía siempre, a toda suscripción activa de una agencia que recibió datos. / The person withdrew consent to share with your agency category: delete everything received about this pseudonym; no further events about it will come. Always sent, to every active subscription of an agency that received data.',
  derivedFrom: [consentWithdrawnV1.type],
  mandatory: true,
  data: z.object({
    reason: z.enum(['consent-withdrawn']).describe('Motivo / reason'),
  }),
  example: { reason: 'consent-withdrawn' },
});
export type PartnerDataRedactionRequestedV1 = z.infer<typeof partnerDataRedactionRequestedV1.data>;
