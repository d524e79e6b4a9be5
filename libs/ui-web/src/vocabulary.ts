import type { Language } from './i18n';

type Labels = Record<string, string>;

/**
 * Labels of the domain codes that the office and the supervisor apps show in the same words:
 * one source, so a phase or a priority never reads differently from one screen to the other.
 * Each app spreads these into its own messages (and may still name a code its own way).
 */
export const sharedVocabulary: Record<
  Language,
  { phases: Labels; priorities: Labels; risks: Labels }
> = {
  es: {
    phases: {
      intake: 'Admisión',
      assessed: 'Evaluado',
      'plan-approved': 'Plan aprobado',
      'in-services': 'En servicios',
      'follow-up': 'Seguimiento',
      closed: 'Cerrado',
    },
    priorities: { emergency: 'Emergencia', urgent: 'Urgente', normal: 'Normal' },
    risks: { low: 'bajo', medium: 'medio', high: 'alto' },
  },
  en: {
    phases: {
      intake: 'Intake',
      assessed: 'Assessed',
      'plan-approved': 'Plan approved',
      'in-services': 'In services',
      'follow-up': 'Follow-up',
      closed: 'Closed',
    },
    priorities: { emergency: 'Emergency', urgent: 'Urgent', normal: 'Normal' },
    risks: { low: 'low', medium: 'medium', high: 'high' },
  },
};
