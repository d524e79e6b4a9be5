import { randomUUID } from 'node:crypto';
import { createEvent, parseEvent } from '../catalogue';
import { TOPICS } from '../topics';
import { activityChangedV1 } from './activity-changed.v1';
import { participationMilestoneV1 } from './participation-milestone.v1';

const meta = {
  source: '/reintegra/community-inclusion',
  actor: 'system:test',
  correlationId: randomUUID(),
};
const occurredAt = '2026-12-03T10:00:00.000Z';

describe('community event contracts', () => {
  it('round-trip a milestone and an activity change through the catalogue, on the community topic', () => {
    const participantId = randomUUID();
    const milestone = createEvent(participationMilestoneV1, {
      ...meta,
      subject: participantId,
      data: {
        participantId,
        activityId: randomUUID(),
        municipalityCode: 'SV-PA-LA-PAZ-ESTE',
        origin: 'resident',
        milestone: 'sustained',
        ruleVersion: '2026-12',
        attendedSessions: 6,
        eligibleSessions: 7,
        occurredAt,
      },
    });
    const activityId = randomUUID();
    const changed = createEvent(activityChangedV1, {
      ...meta,
      subject: activityId,
      data: {
        activityId,
        providerId: 'cultura-la-paz-este',
        municipalityCode: 'SV-PA-LA-PAZ-ESTE',
        kind: 'recreation',
        change: 'opened',
        open: true,
        capacity: 30,
        seatsTaken: 0,
        targetGroups: ['returnees', 'residents'],
        languages: ['es'],
        occurredAt,
      },
    });
    for (const event of [milestone, changed]) {
      const parsed = parseEvent(JSON.stringify(event));
      expect(parsed.ok).toBe(true);
    }
    expect(participationMilestoneV1.topic).toBe(TOPICS.communityEvents);
    expect(activityChangedV1.topic).toBe(TOPICS.communityEvents);
  });

  it('carry codes, never names: free text is dropped, unknown codes refused', () => {
    const data = participationMilestoneV1.data.parse({
      participantId: randomUUID(),
      activityId: randomUUID(),
      municipalityCode: 'SV-PA-LA-PAZ-ESTE',
      origin: 'returnee',
      caseId: randomUUID(),
      milestone: 'joined',
      displayName: 'Ana Pérez',
      occurredAt,
    });
    expect(data).not.toHaveProperty('displayName');
    expect(
      participationMilestoneV1.data.safeParse({ ...data, milestone: 'referred-by-victim-support' })
        .success,
    ).toBe(false);
  });
});
