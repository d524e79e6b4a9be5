import { QueryNotRegisteredError, ServiceError } from '@temporalio/client';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { UnavailableError } from '@reintegra/platform-errors';
import type { IntakeConfig } from '../config';
import { PathQueryService } from './path-query.service';

const dataSource = {
  getRepository: () => ({ findOne: async () => ({ id: 'a-case' }) }),
} as unknown as DataSource;

/** A Temporal client whose queries never answer (no worker polls the workflow's task queue). */
function silentTemporal(deadlines: number[]): Client {
  return {
    workflow: { getHandle: () => ({ query: () => new Promise(() => undefined) }) },
    withDeadline: async (deadline: number) => {
      deadlines.push(deadline);
      throw new ServiceError('Failed to query Workflow');
    },
  } as unknown as Client;
}

describe('the path of a returnee whose workflow does not answer', () => {
  it('is refused as unavailable (503) within a few seconds instead of hanging', async () => {
    const deadlines: number[] = [];
    const service = new PathQueryService(dataSource, silentTemporal(deadlines), {} as IntakeConfig);
    const asked = Date.now();
    const failure = service.currentPath('a-returnee');
    await expect(failure).rejects.toBeInstanceOf(UnavailableError);
    await expect(failure).rejects.toMatchObject({ code: 'path.unavailable' });
    expect(deadlines).toHaveLength(1);
    expect(deadlines[0]).toBeGreaterThan(asked);
    expect(deadlines[0]).toBeLessThanOrEqual(Date.now() + 3_000);
  });

  it('is refused as unavailable when the worker fails the query (a history it cannot replay)', async () => {
    const temporal = {
      workflow: { getHandle: () => ({ query: () => new Promise(() => undefined) }) },
      withDeadline: async () => {
        throw new QueryNotRegisteredError('[TMPRL1100] Nondeterminism error', 3);
      },
    } as unknown as Client;
    const service = new PathQueryService(dataSource, temporal, {} as IntakeConfig);
    await expect(service.currentPath('a-returnee')).rejects.toMatchObject({
      code: 'path.unavailable',
    });
  });
});
