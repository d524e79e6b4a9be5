import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { OutboxWriter } from '@reintegra/platform-messaging';
import type { DirectoryAnswer, DirectoryClient } from './directory-client.service';
import { PathActivitiesProvider } from './path-activities.service';

const reason: DirectoryAnswer['reason'] = {
  decidedBy: 'service-directory',
  code: 'directory.nearest-eligible',
  proximity: 'same-district',
  capacity: 'available',
  capacityAvailable: 2,
  skipped: { alreadyAsked: 1, noCapacity: 0, notEligible: 0 },
};

function provider(answer: () => Promise<DirectoryAnswer>) {
  const queries: unknown[][] = [];
  const dataSource = {
    query: async (...args: unknown[]) => {
      queries.push(args);
      return [];
    },
  } as unknown as DataSource;
  const directory = { nextProvider: answer } as unknown as DirectoryClient;
  return {
    queries,
    activities: new PathActivitiesProvider(dataSource, {} as OutboxWriter, directory),
  };
}

const request = {
  referralId: randomUUID(),
  service: 'housing',
  municipalityCode: 'SV-PA-LA-PAZ-ESTE',
  exclude: ['albergue-a'],
};

describe('nextEligibleProvider (the service directory behind the re-routing activity)', () => {
  it('returns the provider the directory chose and keeps its reason for the routed event', async () => {
    const { activities, queries } = provider(async () => ({ providerId: 'albergue-b', reason }));
    await expect(activities.nextEligibleProvider(request)).resolves.toBe('albergue-b');
    expect(queries[0]?.[1]).toEqual([request.referralId, 'albergue-b', JSON.stringify(reason)]);
  });

  it('answers nobody (unrouted, the supervisor re-routes) when the directory has no one', async () => {
    const { activities, queries } = provider(async () => ({
      providerId: null,
      reason: {
        decidedBy: 'service-directory',
        code: 'directory.none-eligible',
        skipped: reason.skipped,
      },
    }));
    await expect(activities.nextEligibleProvider(request)).resolves.toBeNull();
    expect(queries).toEqual([]);
  });

  it('gives up on an unreachable directory on its last attempt instead of failing the referral', async () => {
    const { activities } = provider(async () => {
      throw new Error('connect ECONNREFUSED');
    });
    // Outside a Temporal activity there is no next attempt.
    await expect(activities.nextEligibleProvider(request)).resolves.toBeNull();
  });
});
