import { QueryFailedError, QueryRunnerAlreadyReleasedError, TypeORMError } from 'typeorm';
import { QueryRunnerProviderAlreadyReleasedError } from 'typeorm/error/QueryRunnerProviderAlreadyReleasedError';
import { isInfrastructureOutage } from './retry-later';

const pgError = (code: string, message = 'failure') =>
  new QueryFailedError('SELECT 1', [], Object.assign(new Error(message), { code }));

describe('isInfrastructureOutage', () => {
  it.each([
    ['the server shutting down (57P01)', pgError('57P01', 'terminating connection')],
    ['a refused connection', Object.assign(new Error('connect'), { code: 'ECONNREFUSED' })],
    ['Temporal unavailable (gRPC 14)', Object.assign(new Error('x'), { cause: { code: 14 } })],
    ['the connection dropped', new Error('Connection terminated unexpectedly')],
    // TypeORM releases a transaction's runner when its connection errors; later queries say so.
    ['a transaction whose connection was lost', new QueryRunnerAlreadyReleasedError()],
    ['its provider, likewise', new QueryRunnerProviderAlreadyReleasedError()],
  ])('waits out %s', (_label, error) => {
    expect(isInfrastructureOutage(error)).toBe(true);
  });

  it.each([
    ['a unique violation', pgError('23505', 'duplicate key')],
    ['a deadline passed (a workflow no worker serves)', Object.assign(new Error('x'), { code: 4 })],
    ['a TypeORM misuse', new TypeORMError('Entity metadata for Foo#bar was not found')],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
  ])('counts %s towards the dead-letter topic', (_label, error) => {
    expect(isInfrastructureOutage(error)).toBe(false);
  });
});
