import { randomUUID } from 'node:crypto';
import { createEvent, eventCatalogue, parseEvent } from '../catalogue';
import { TOPICS } from '../topics';
import { placementStatusChangedV1 } from './placement-status-changed.v1';
import { projectStatusChangedV1 } from './project-status-changed.v1';
import { retentionCheckedV1 } from './retention-checked.v1';
import { trainingStatusChangedV1 } from './training-status-changed.v1';
import { vacancyCapacityChangedV1 } from './vacancy-capacity-changed.v1';

const caseId = randomUUID();
const occurredAt = '2026-12-01T10:00:00.000Z';
const meta = {
  subject: caseId,
  source: '/reintegra/employment-matching',
  actor: 'system:test',
  correlationId: randomUUID(),
};
const placement = {
  placementId: randomUUID(),
  caseId,
  vacancyId: randomUUID(),
  employerId: 'constructora-el-pacifico',
  providerId: 'oficina-empleo-la-paz-este',
  iscoCode: '7112',
  from: 'interviewing' as const,
  status: 'not-hired' as const,
  reasonCode: 'skills-insufficient',
  occurredAt,
};

/** Fields that would identify a person; no employment event may carry one. */
const PERSONAL = ['name', 'displayName', 'dui', 'phone', 'contactPhone', 'dateOfBirth', 'gender'];

describe('employment event contracts', () => {
  it('round-trips a placement status change through the catalogue', () => {
    const event = createEvent(placementStatusChangedV1, { ...meta, data: placement });
    expect(parseEvent(JSON.stringify(event))).toMatchObject({
      ok: true,
      event: { data: placement },
    });
  });

  it.each([
    [
      'not hired without a reason',
      placementStatusChangedV1,
      { ...placement, reasonCode: undefined },
    ],
    [
      'a retention check of a person who left without a reason',
      retentionCheckedV1,
      {
        placementId: randomUUID(),
        caseId,
        vacancyId: randomUUID(),
        employerId: 'e',
        checkpointDays: 30,
        employed: false,
        checkedOn: '2027-01-01',
        occurredAt,
      },
    ],
    [
      'a retention check at another checkpoint',
      retentionCheckedV1,
      {
        placementId: randomUUID(),
        caseId,
        vacancyId: randomUUID(),
        employerId: 'e',
        checkpointDays: 60,
        employed: true,
        checkedOn: '2027-01-01',
        occurredAt,
      },
    ],
    [
      'an unknown-shaped occupation code',
      vacancyCapacityChangedV1,
      {
        vacancyId: randomUUID(),
        employerId: 'e',
        iscoCode: 'albañil',
        municipalityCode: 'SV-PA-LA-PAZ-ESTE',
        open: true,
        posts: 1,
        postsFilled: 0,
        postsAvailable: 1,
        occurredAt,
      },
    ],
    [
      'a closed project without a reason',
      projectStatusChangedV1,
      {
        projectId: randomUUID(),
        caseId,
        providerId: 'p',
        municipalityCode: 'SV-PA-LA-PAZ-ESTE',
        status: 'closed',
        occurredAt,
      },
    ],
    [
      'a dropped trainee without a reason',
      trainingStatusChangedV1,
      {
        enrolmentId: randomUUID(),
        caseId,
        workshopId: randomUUID(),
        providerId: 'p',
        tradeIscoCode: '7112',
        status: 'dropped',
        occurredAt,
      },
    ],
  ])('refuses %s', (_label, definition, data) => {
    expect(() =>
      createEvent(definition as typeof placementStatusChangedV1, { ...meta, data: data as never }),
    ).toThrow();
  });

  it('publishes placements, retention, training and projects on the employment topic, vacancies on capacity', () => {
    const employment = eventCatalogue.filter((d) => d.type.startsWith('sv.reintegra.employment.'));
    expect(employment.map((d) => [d.type, d.topic])).toEqual([
      [vacancyCapacityChangedV1.type, TOPICS.serviceCapacity],
      [placementStatusChangedV1.type, TOPICS.employmentEvents],
      [retentionCheckedV1.type, TOPICS.employmentEvents],
      [trainingStatusChangedV1.type, TOPICS.employmentEvents],
      [projectStatusChangedV1.type, TOPICS.employmentEvents],
    ]);
  });

  it('keeps personal data out of every employment event', () => {
    for (const definition of [
      placementStatusChangedV1,
      retentionCheckedV1,
      trainingStatusChangedV1,
      projectStatusChangedV1,
      vacancyCapacityChangedV1,
    ]) {
      // Refined objects are still objects in zod 4: their shape lists every field.
      const fields = Object.keys((definition.data as unknown as { shape: object }).shape);
      expect(fields.length).toBeGreaterThan(5);
      for (const forbidden of PERSONAL) expect(fields).not.toContain(forbidden);
    }
  });
});
