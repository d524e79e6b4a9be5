/** What a reminder is about; its params are ids, codes and dates only. */
export type TemplateName = 'follow-up-due' | 'referral-overdue';
export type Recipient = 'person' | 'officer';
export type Language = 'es' | 'en';

export interface TemplateParams {
  caseId: string;
  wave?: number;
  dueAt?: string;
  referralId?: string;
  service?: string;
  acknowledgeBy?: string;
}

export interface RenderedMessage {
  subject: string;
  text: string;
}

const LOCALE: Record<Language, string> = { es: 'es-SV', en: 'en-GB' };

function day(iso: string | undefined, language: Language): string {
  if (!iso) return '';
  return new Date(iso).toLocaleDateString(LOCALE[language], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'America/El_Salvador',
  });
}

type Template = (p: TemplateParams, language: Language) => RenderedMessage;

/**
 * Spanish first, English second. The person's message names no one and no case: whoever reads the
 * phone or mailbox learns only that the office wants to hear from them. The officer's names the
 * case id, which the office app opens.
 */
const TEMPLATES: Record<TemplateName, Partial<Record<Recipient, Record<Language, Template>>>> = {
  'follow-up-due': {
    person: {
      es: (p, l) => ({
        subject: 'Recordatorio: su cita de seguimiento',
        text:
          `Hola. Le recordamos que desde el ${day(p.dueAt, l)} le toca su cita de seguimiento ` +
          `(etapa ${p.wave}) con la oficina municipal de atención a personas retornadas. ` +
          'Llame o visite la oficina para acordar el día. Si cambió de teléfono o de correo, ' +
          'avísenos. Si ya no quiere recibir estos mensajes, dígalo en la oficina.',
      }),
      en: (p, l) => ({
        subject: 'Reminder: your follow-up appointment',
        text:
          `Hello. This is a reminder that your follow-up (stage ${p.wave}) with the municipal ` +
          `office for returned people is due from ${day(p.dueAt, l)}. Call or visit the office ` +
          'to agree on a day. If your phone or e-mail changed, let us know. If you no longer ' +
          'want these messages, tell the office.',
      }),
    },
    officer: {
      es: (p, l) => ({
        subject: `Seguimiento pendiente: etapa ${p.wave}`,
        text:
          `El seguimiento de la etapa ${p.wave} del caso ${p.caseId} vence el ${day(p.dueAt, l)}. ` +
          'Contacte a la persona y registre la reevaluación.',
      }),
      en: (p, l) => ({
        subject: `Follow-up due: stage ${p.wave}`,
        text:
          `The stage ${p.wave} follow-up of case ${p.caseId} is due on ${day(p.dueAt, l)}. ` +
          'Contact the person and record the re-assessment.',
      }),
    },
  },
  'referral-overdue': {
    officer: {
      es: (p, l) => ({
        subject: 'Remisión sin respuesta',
        text:
          `La remisión ${p.referralId} (${p.service}) del caso ${p.caseId} no tuvo respuesta ` +
          `antes del ${day(p.acknowledgeBy, l)}. Se escaló a supervisión; revise el caso.`,
      }),
      en: (p, l) => ({
        subject: 'Referral not answered',
        text:
          `Referral ${p.referralId} (${p.service}) of case ${p.caseId} was not answered by ` +
          `${day(p.acknowledgeBy, l)}. It was escalated to the supervisor; check the case.`,
      }),
    },
  },
};

export function renderMessage(
  template: TemplateName,
  recipient: Recipient,
  language: Language,
  params: TemplateParams,
): RenderedMessage {
  const render = TEMPLATES[template][recipient]?.[language];
  if (!render) throw new Error(`no template ${template} for ${recipient}`);
  return render(params, language);
}
