import type { Language } from '@reintegra/ui-web';

/**
 * The consent form read to the person at reception, in plain words. Its version id is stored with
 * every consent given on it (formVersion): change the text, change the version.
 */
export const CONSENT_FORM_VERSION = 'recepcion-2026-12-v1';

export interface ConsentChoice {
  /** Stable key of the choice in the form. */
  key: string;
  purpose: 'service-referral' | 'statistics' | 'contact';
  scope?: string;
}

export const CONSENT_CHOICES: readonly ConsentChoice[] = [
  { key: 'employment', purpose: 'service-referral', scope: 'employment' },
  { key: 'education', purpose: 'service-referral', scope: 'education' },
  { key: 'psychosocial', purpose: 'service-referral', scope: 'psychosocial' },
  { key: 'health', purpose: 'service-referral', scope: 'health' },
  { key: 'housing', purpose: 'service-referral', scope: 'housing' },
  { key: 'legal-documents', purpose: 'service-referral', scope: 'legal-documents' },
  { key: 'contact', purpose: 'contact' },
  { key: 'statistics', purpose: 'statistics' },
];

export const CONSENT_TEXT: Record<
  Language,
  { intro: string[]; choices: Record<string, string>; closing: string }
> = {
  es: {
    intro: [
      'Bienvenido o bienvenida. Somos la oficina municipal de atención a personas retornadas.',
      'Le vamos a preguntar, una por una, para qué nos permite usar sus datos. Puede decir que sí o que no a cada cosa. Si dice que no, igual le atendemos.',
      'Puede cambiar de opinión cuando quiera: nos lo dice y dejamos de usar sus datos para eso.',
    ],
    choices: {
      employment: 'Enviar sus datos a la oficina de empleo para ayudarle a buscar trabajo.',
      education: 'Enviar sus datos a la oficina de educación para ayudarle a estudiar.',
      psychosocial: 'Enviar sus datos a un servicio de apoyo psicológico.',
      health: 'Enviar sus datos a un servicio de salud.',
      housing: 'Enviar sus datos a un servicio de vivienda.',
      'legal-documents': 'Enviar sus datos a un servicio de documentos y asesoría legal.',
      contact: 'Llamarle o escribirle para darle seguimiento.',
      statistics: 'Contar su caso en estadísticas, sin su nombre.',
    },
    closing: 'Marque solo lo que la persona aceptó en voz alta.',
  },
  en: {
    intro: [
      'Welcome. We are the municipal office that supports people who have returned.',
      'We will ask you, one by one, what you allow us to use your information for. You can say yes or no to each. If you say no, we still help you.',
      'You can change your mind at any time: tell us and we stop using your information for that.',
    ],
    choices: {
      employment: 'Send your information to the employment office to help you find work.',
      education: 'Send your information to the education office to help you study.',
      psychosocial: 'Send your information to a psychological support service.',
      health: 'Send your information to a health service.',
      housing: 'Send your information to a housing service.',
      'legal-documents': 'Send your information to a documents and legal advice service.',
      contact: 'Call or write to you to follow up.',
      statistics: 'Count your case in statistics, without your name.',
    },
    closing: 'Tick only what the person agreed to out loud.',
  },
};

/** The body of POST /cases/:id/consents for a choice. */
export function consentBody(choice: ConsentChoice) {
  return {
    purpose: choice.purpose,
    ...(choice.scope ? { scope: choice.scope } : {}),
    formVersion: CONSENT_FORM_VERSION,
  };
}
