import { DomainError, type LocalizedMessage } from '@reintegra/platform-errors';

/** Well-formed request the domain refuses (closed vacancy, referral not accepted, …): HTTP 422. */
export class UnprocessableError extends DomainError {
  readonly kind = 'unprocessable';

  constructor(
    readonly code: string,
    localized: LocalizedMessage,
  ) {
    super(localized);
  }
}
