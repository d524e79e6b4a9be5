import { Logger } from '@nestjs/common';
import { SafeTypeOrmLogger } from './safe-typeorm-logger';

describe('SafeTypeOrmLogger', () => {
  it('reports a failed query by code and constraint, never with its parameters', () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const error = Object.assign(new Error('duplicate key value'), {
      code: '23505',
      constraint: 'returnees_dui',
    });
    new SafeTypeOrmLogger().logQueryError(error, 'INSERT INTO "returnees" VALUES ($1, $2)');
    const logged = JSON.stringify(warn.mock.calls);
    expect(logged).toContain('23505');
    expect(logged).toContain('returnees_dui');
    expect(logged).toContain('INSERT INTO');
    warn.mockRestore();
  });
});
