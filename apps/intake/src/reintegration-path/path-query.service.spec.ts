import { QueryNotRegisteredError, ServiceError } from '@temporalio/client';
import type { Client } from '@temporalio/client';
import type { DataSource } from 'typeorm';
import { UnavailableError } from '@reintegra/platform-errors';
import type { Actor } from '@reintegra/platform-auth';
import type { IntakeConfig } from '../config';
import type { CaseAccess } from '../core/case-access.service';
import { PathQueryService } from './path-query.service';

const dataSource = { manager: {} } as unknown as DataSource;
/** The caller may see the person; their latest case is `a-case`. */
const access = { latestCaseFor: async () => ({ id: 'a-case' }) } as unknown as CaseAccess;
const actor = { subject: 'oficial', roles: ['intake-officer'] } as unknown as Actor;

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
    const service = new PathQueryService(
      dataSource,
      silentTemporal(deadlines),
      access,
      {} as IntakeConfig,
    );
    const asked = Date.now();
    const failure = service.currentPath('a-returnee', actor);
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
    const service = new PathQueryService(dataSource, temporal, access, {} as IntakeConfig);
    await expect(service.currentPath('a-returnee', actor)).rejects.toMatchObject({
      code: 'path.unavailable',
    });
  });
});
