import { PreconditionFailedError, PreconditionRequiredError } from '@reintegra/platform-errors';
import { assertIfMatch, entityTag } from './conditional-requests';

describe('conditional requests', () => {
  it('accepts the current ETag, a list holding it, its weak form and *', () => {
    expect(() => assertIfMatch(entityTag(3), 3)).not.toThrow();
    expect(() => assertIfMatch('"1", "3"', 3)).not.toThrow();
    expect(() => assertIfMatch('W/"3"', 3)).not.toThrow();
    expect(() => assertIfMatch('*', 3)).not.toThrow();
  });

  it('refuses a stale ETag with 412 and a missing one with 428', () => {
    expect(() => assertIfMatch('"2"', 3)).toThrow(PreconditionFailedError);
    expect(() => assertIfMatch(undefined, 3)).toThrow(PreconditionRequiredError);
    expect(() => assertIfMatch(' ', 3)).toThrow(PreconditionRequiredError);
  });
});
