import { PreconditionFailedError, PreconditionRequiredError } from '@reintegra/platform-errors';
import { assertIfMatch, entityTag } from './conditional-requests';

describe('conditional requests', () => {
  it('accepts the current ETag alone or in a list', () => {
    expect(() => assertIfMatch(entityTag(3), 3)).not.toThrow();
    expect(() => assertIfMatch('"1", "3"', 3)).not.toThrow();
  });

  it('refuses a stale ETag and a weak one (strong comparison) with 412', () => {
    expect(() => assertIfMatch('"2"', 3)).toThrow(PreconditionFailedError);
    expect(() => assertIfMatch('W/"3"', 3)).toThrow(PreconditionFailedError);
  });

  it('refuses a missing If-Match and a blind `*` with 428', () => {
    expect(() => assertIfMatch(undefined, 3)).toThrow(PreconditionRequiredError);
    expect(() => assertIfMatch(' ', 3)).toThrow(PreconditionRequiredError);
    expect(() => assertIfMatch('*', 3)).toThrow(PreconditionRequiredError);
    expect(() => assertIfMatch('"3", *', 3)).toThrow(PreconditionRequiredError);
  });
});
