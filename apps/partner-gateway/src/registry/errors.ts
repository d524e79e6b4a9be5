import { type LocalizedMessage, NotFoundError } from '@reintegra/platform-errors';
import type { WebhookUrlRefusal } from '../delivery/webhook-url-policy';

export const agencyNotFound = () =>
  new NotFoundError('agency.not-found', {
    es: 'Agencia no registrada.',
    en: 'Agency not registered.',
  });

export const subscriptionNotFound = () =>
  new NotFoundError('subscription.not-found', {
    es: 'Suscripción no encontrada.',
    en: 'Subscription not found.',
  });

export const WEBHOOK_URL_MESSAGES: Record<WebhookUrlRefusal, LocalizedMessage> = {
  'webhook-url.invalid': {
    es: 'La URL del webhook no es válida (use https://…).',
    en: 'The webhook URL is not valid (use https://…).',
  },
  'webhook-url.credentials': {
    es: 'La URL del webhook no puede llevar usuario ni contraseña: la firma autentica cada envío.',
    en: 'The webhook URL may not carry a user or password: the signature authenticates each delivery.',
  },
  'webhook-url.https-required': {
    es: 'El webhook debe usar https (http solo a 127.0.0.1 en desarrollo y pruebas).',
    en: 'The webhook must use https (http only to 127.0.0.1 in development and tests).',
  },
  'webhook-url.private-address': {
    es: 'La URL del webhook apunta a una dirección privada, local o de metadatos: no está permitida.',
    en: 'The webhook URL points to a private, local or metadata address: not allowed.',
  },
  'webhook-url.unresolvable': {
    es: 'No se pudo resolver el nombre del servidor del webhook.',
    en: 'The webhook host name could not be resolved.',
  },
};
