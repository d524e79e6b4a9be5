import { z } from 'zod';
import { bilingual } from '@reintegra/platform-http';
import { RISK_LEVELS, RISK_REASON_CODES } from '../core/care-vocabulary';
import { noRepeats, text, unique } from '../core/request-fields';

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
