/**
 * Domain errors: thrown by application code whatever its caller is. Each edge maps them:
 * HTTP → problem+json, Kafka → dead-letter topic, Temporal activity → non-retryable failure.
 * Messages are user-facing: Spanish first, English second.
 */
export interface LocalizedMessage {
  readonly es: string;
  readonly en: string;
}

export interface FieldError {
  /** Dotted path of the offending field, e.g. `contact.phone`; empty for the whole body. */
  readonly field: string;
  readonly message: string;
}

export abstract class DomainError extends Error {
  abstract readonly kind:
    | 'validation'
    | 'unauthenticated'
    | 'not-found'
    | 'conflict'
    | 'forbidden'
    | 'unprocessable'
    | 'precondition-failed'
    | 'precondition-required'
    | 'unsupported-media-type';
  /** Stable machine-readable code, e.g. `returnee.duplicate-dui`. */
  abstract readonly code: string;

  protected constructor(readonly localized: LocalizedMessage) {
    super(localized.en);
    this.name = new.target.name;
  }
}

export class ValidationFailedError extends DomainError {
  readonly kind = 'validation';
  readonly code = 'request.invalid';

  constructor(readonly fieldErrors: readonly FieldError[]) {
    super({
      es: 'La solicitud contiene datos no válidos.',
      en: 'The request contains invalid data.',
    });
  }
}

export class NotFoundError extends DomainError {
  readonly kind = 'not-found';

  constructor(
    readonly code: string,
    localized: LocalizedMessage,
  ) {
    super(localized);
  }
}

export class ConflictError extends DomainError {
  readonly kind = 'conflict';

  constructor(
    readonly code: string,
    localized: LocalizedMessage,
    /** Where the existing resource can be found, when the conflict is with one. */
    readonly existingLocation?: string,
    /** Extra problem members for the caller, e.g. possible duplicates to review. No personal data. */
    readonly extensions?: Readonly<Record<string, unknown>>,
  ) {
    super(localized);
  }
}

export class ForbiddenError extends DomainError {
  readonly kind = 'forbidden';

  constructor(
    readonly code: string,
    localized: LocalizedMessage,
  ) {
    super(localized);
  }
}

/** No valid credentials: the caller must authenticate (HTTP 401). */
export class UnauthenticatedError extends DomainError {
  readonly kind = 'unauthenticated';
  readonly code = 'auth.unauthenticated';

  constructor(readonly reason: string) {
    super({
      es: 'Se requiere autenticación: envíe un token de acceso válido.',
      en: 'Authentication required: send a valid access token.',
    });
  }
}

/** The client's If-Match names a version that is no longer current (a stale write): 412. */
export class PreconditionFailedError extends DomainError {
  readonly kind = 'precondition-failed';
  readonly code = 'request.stale';

  constructor(readonly currentEntityTag: string) {
    super({
      es: 'El recurso cambió desde que lo leyó: vuelva a cargarlo y repita el cambio.',
      en: 'The resource changed since you read it: reload it and repeat the change.',
    });
  }
}

/** An update without If-Match, where lost updates matter: 428. */
export class PreconditionRequiredError extends DomainError {
  readonly kind = 'precondition-required';
  readonly code = 'request.if-match-required';

  constructor() {
    super({
      es: 'Falta la cabecera If-Match con la ETag del recurso que leyó.',
      en: 'The If-Match header with the ETag of the resource you read is missing.',
    });
  }
}

/**
 * Something the service depends on (the workflow engine, another service) did not answer in time:
 * 503 with Retry-After. Not a DomainError on purpose: a consumer retries it, never dead-letters it.
 */
export class UnavailableError extends Error {
  readonly retryAfterSeconds = 5;

  constructor(
    readonly code: string,
    readonly localized: LocalizedMessage,
  ) {
    super(localized.en);
    this.name = new.target.name;
  }
}

/** A well-formed request the domain refuses (a closed vacancy, a referral not accepted, …): 422. */
export class UnprocessableError extends DomainError {
  readonly kind = 'unprocessable';

  constructor(
    readonly code: string,
    localized: LocalizedMessage,
  ) {
    super(localized);
  }
}

/** A body whose real content type (read from its bytes, not its name or header) is refused: 415. */
export class UnsupportedMediaTypeError extends DomainError {
  readonly kind = 'unsupported-media-type';

  constructor(
    readonly code: string,
    localized: LocalizedMessage,
  ) {
    super(localized);
  }
}

/**
 * The shared factories: one code and one wording each, whatever service throws them. A service's
 * own refusals name their code and wording where they are thrown.
 */

/** The record belongs to another municipality than the caller's (municipal staff act only in theirs): 403. */
export const outsideMunicipality = () =>
  new ForbiddenError('auth.outside-municipality', {
    es: 'Ese registro pertenece a otro municipio: solo puede actuar en los de su municipio.',
    en: 'That record belongs to another municipality: you can act only in your own.',
  });

/** No case (return episode) with that id, or none the caller may know of: 404. */
export const caseNotFound = () =>
  new NotFoundError('case.not-found', {
    es: 'No existe un expediente con ese identificador.',
    en: 'No case with that id.',
  });

/** No returnee with that id: 404. */
export const returneeNotFound = () =>
  new NotFoundError('returnee.not-found', {
    es: 'No existe una persona retornada con ese identificador.',
    en: 'No returnee with that id.',
  });

/** No referral with that id for this service or caller: 404. */
export const referralNotFound = () =>
  new NotFoundError('referral.not-found', {
    es: 'No existe una remisión con ese identificador.',
    en: 'No referral with that id.',
  });
