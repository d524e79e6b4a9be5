import { z } from 'zod';
import { bilingual } from '@reintegra/platform-http';
import {
  BREAK_GLASS_REASONS,
  CARE_SERVICE_KINDS,
  CLOSURE_REASONS,
  CONSENT_PURPOSES,
  DISCLOSURE_CATEGORIES,
  ERASURE_REASONS,
  RISK_LEVELS,
  RISK_REASON_CODES,
} from './care-vocabulary';

const text = (max: number) => z.string().trim().min(1).max(max);
const unique = <T>(values: T[]) => new Set(values).size === values.length;
const noRepeats = bilingual('Hay valores repetidos.', 'Values must not repeat.');

export const acceptReferralSchema = z
  .object({ intakeNotes: text(20_000).optional().describe('Notas de acogida (cifradas)') })
  .strict();
export type AcceptReferralRequest = z.infer<typeof acceptReferralSchema>;

export const assignCounsellorSchema = z
  .object({ counsellor: z.string().min(1).max(200).describe('Subject of the counsellor') })
  .strict();
export type AssignCounsellorRequest = z.infer<typeof assignCounsellorSchema>;

export const riskAssessmentSchema = z
  .object({
    level: z.enum(RISK_LEVELS, {
      error: bilingual(
        'Nivel de riesgo no válido: low, moderate, high o imminent.',
        'Invalid risk level: low, moderate, high or imminent.',
      ),
    }),
    reasonCodes: z.array(z.enum(RISK_REASON_CODES)).min(1).max(12).refine(unique, noRepeats),
    reasons: text(10_000).optional().describe('Motivos en palabras de la consejera (cifrados)'),
  })
  .strict();
export type RiskAssessmentRequest = z.infer<typeof riskAssessmentSchema>;

const planItems = z.array(text(1000)).max(30).default([]);
export const safetyPlanSchema = z
  .object({
    warningSigns: planItems,
    copingStrategies: planItems,
    safeContacts: planItems,
    safePlaces: planItems,
    emergencySteps: planItems,
  })
  .strict()
  .refine(
    (plan) => Object.values(plan).some((items) => items.length > 0),
    bilingual('El plan de seguridad está vacío.', 'The safety plan is empty.'),
  );
export type SafetyPlanRequest = z.infer<typeof safetyPlanSchema>;

export const addServiceSchema = z
  .object({
    kind: z.enum(CARE_SERVICE_KINDS),
    legalCaseDetails: text(20_000).optional().describe('Only for legal services (encrypted)'),
  })
  .strict()
  .refine((value) => value.kind.startsWith('legal-') || value.legalCaseDetails === undefined, {
    path: ['legalCaseDetails'],
    message: bilingual(
      'Los datos del caso legal solo aplican a servicios legales.',
      'Legal case details apply only to legal services.',
    ),
  });
export type AddServiceRequest = z.infer<typeof addServiceSchema>;

export const recordSessionSchema = z
  .object({
    serviceId: z.uuid().optional(),
    heldAt: z.iso
      .datetime({ offset: true })
      .refine(
        (value) => new Date(value).getTime() <= Date.now() + 5 * 60_000,
        bilingual('La sesión no puede estar en el futuro.', 'The session cannot be in the future.'),
      ),
    durationMinutes: z.number().int().min(1).max(600),
    notes: text(50_000).describe('Notas de la sesión (cifradas)'),
  })
  .strict();
export type RecordSessionRequest = z.infer<typeof recordSessionSchema>;

export const closeRecordSchema = z.object({ reasonCode: z.enum(CLOSURE_REASONS) }).strict();
export type CloseRecordRequest = z.infer<typeof closeRecordSchema>;

/** A recipient code, e.g. `legal-partner:org-7` (an organisation id, never a person's name). */
const recipientSchema = z
  .string()
  .regex(
    /^[a-z][a-z0-9-]{1,63}(:[A-Za-z0-9-]{1,100})?$/,
    bilingual('Destinatario no válido.', 'Invalid recipient.'),
  );

export const grantConsentSchema = z
  .object({
    recipient: recipientSchema,
    purpose: z.enum(CONSENT_PURPOSES),
    categories: z.array(z.enum(DISCLOSURE_CATEGORIES)).min(1).refine(unique, noRepeats),
  })
  .strict();
export type GrantConsentRequest = z.infer<typeof grantConsentSchema>;

export const discloseSchema = z
  .object({
    consentId: z.uuid(),
    recipient: recipientSchema,
    categories: z.array(z.enum(DISCLOSURE_CATEGORIES)).min(1).refine(unique, noRepeats),
  })
  .strict();
export type DiscloseRequest = z.infer<typeof discloseSchema>;

export const breakGlassSchema = z
  .object({
    reasonCode: z.enum(BREAK_GLASS_REASONS, {
      error: bilingual(
        'El acceso de emergencia requiere un motivo.',
        'Emergency access requires a reason.',
      ),
    }),
    justification: z
      .string({
        error: bilingual(
          'El acceso de emergencia requiere una justificación.',
          'Emergency access requires a justification.',
        ),
      })
      .trim()
      .min(
        15,
        bilingual(
          'Explique la emergencia (al menos 15 caracteres).',
          'Explain the emergency (at least 15 characters).',
        ),
      )
      .max(2000),
  })
  .strict();
export type BreakGlassRequest = z.infer<typeof breakGlassSchema>;

export const eraseRecordSchema = z.object({ reasonCode: z.enum(ERASURE_REASONS) }).strict();
export type EraseRecordRequest = z.infer<typeof eraseRecordSchema>;
