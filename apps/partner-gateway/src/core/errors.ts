import { DomainError } from '@reintegra/platform-errors';

/** Missing, wrong, expired or revoked agency credentials: 401. */
export class AgencyUnauthenticatedError extends DomainError {
  readonly kind = 'unauthenticated';

  constructor(
    readonly code:
      | 'agency.credentials-missing'
      | 'agency.credentials-invalid'
      | 'agency.credentials-expired',
    /**
     * Why, a fixed word for the refusal counter only (never told to the caller: it would help
     * guessing): no-credentials, malformed-key, unknown-key, wrong-secret, revoked-key,
     * agency-inactive, expired-key, token-rejected.
     */
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
