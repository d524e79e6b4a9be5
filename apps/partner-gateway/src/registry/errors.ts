import { DomainError, type LocalizedMessage, NotFoundError } from '@reintegra/platform-errors';
import type { WebhookUrlRefusal } from './webhook-url-policy';

/** Well-formed request the gateway refuses (a webhook URL it may not call, a replay too old): 422. */
export class UnprocessableError extends DomainError {
  readonly kind = 'unprocessable';

  constructor(
    readonly code: string,
    localized: LocalizedMessage,
  ) {
    super(localized);
  }
}

/** Missing, wrong, expired or revoked agency credentials: 401. */
export class AgencyUnauthenticatedError extends DomainError {
  readonly kind = 'unauthenticated';

  constructor(
    readonly code:
      | 'agency.credentials-missing'
      | 'agency.credentials-invalid'
      | 'agency.credentials-expired',
    /** Why, for the audit log only (never told to the caller: it would help guessing). */
    readonly reason: string,
  ) {
    super(
      code === 'agency.credentials-expired'
        ? {
            es: 'La clave de API de la agencia venció: pida una nueva a la administración.',
            en: 'The agency API key has expired: ask the administrator for a new one.',
          }
        : code === 'agency.credentials-missing'
          ? {
              es: 'Identifíquese con la cabecera x-api-key o con un token de su agencia.',
              en: 'Identify with the x-api-key header or with a token of your agency.',
            }
          : {
              es: 'Credenciales de agencia no válidas.',
              en: 'Invalid agency credentials.',
            },
    );
  }
}

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
