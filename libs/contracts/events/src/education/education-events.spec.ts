import { randomUUID } from 'node:crypto';
import { createEvent, parseEvent } from '../catalogue';
import { attendanceAtRiskV1 } from './attendance-at-risk.v1';
import { cohortCapacityChangedV1 } from './cohort-capacity-changed.v1';
import { enrolmentStatusChangedV1 } from './enrolment-status-changed.v1';

const caseId = randomUUID();
const cohortId = randomUUID();
const occurredAt = '2026-11-27T10:00:00.000Z';

const moved = {
  enrolmentId: randomUUID(),
  caseId,
  cohortId,
  providerId: 'ce-zacatecoluca',
  from: 'enrolled' as const,
  status: 'dropped' as const,
  reasonCode: 'found-work',
  occurredAt,
};

const meta = {
  subject: caseId,
  source: '/reintegra/education-enrolment',
  actor: 'system:test',
  correlationId: randomUUID(),
};

describe('education event contracts', () => {
  it('round-trips an enrolment status change through the catalogue', () => {
    const event = createEvent(enrolmentStatusChangedV1, { ...meta, data: moved });
    expect(parseEvent(JSON.stringify(event))).toMatchObject({ ok: true, event: { data: moved } });
  });

  it('requires a reason code for a drop', () => {
    const { reasonCode: _reason, ...noReason } = moved;
    expect(() => createEvent(enrolmentStatusChangedV1, { ...meta, data: noReason })).toThrow();
  });

  it('keeps personal data out of capacity and at-risk events', () => {
    const capacity = createEvent(cohortCapacityChangedV1, {
      ...meta,
      subject: cohortId,
      data: {
        cohortId,
        programmeId: randomUUID(),
        providerId: 'ce-zacatecoluca',
        level: 'basic',
        modality: 'accelerated',
        schoolReEntry: true,
        municipalityCode: 'SV-PA-LA-PAZ-ESTE',
        open: true,
        seats: 20,
        seatsTaken: 20,
        seatsAvailable: 0,
        waitlistLength: 3,
        startsOn: '2027-01-15',
        endsOn: '2027-11-30',
        occurredAt,
      },
    });
    const risk = createEvent(attendanceAtRiskV1, {
      ...meta,
      data: {
        enrolmentId: randomUUID(),
        caseId,
        cohortId,
        providerId: 'ce-zacatecoluca',
        consecutiveAbsences: 3,
        threshold: 3,
        lastSessionOn: '2027-02-01',
        occurredAt,
      },
    });
    for (const event of [capacity, risk]) {
      for (const forbidden of ['dui', 'firstNames', 'lastNames', 'dateOfBirth', 'guardian']) {
        expect(Object.keys(event.data)).not.toContain(forbidden);
      }
    }
  });
});
