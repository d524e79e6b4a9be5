import { randomUUID } from 'node:crypto';
import { createEvent, parseEvent } from './catalogue';
import { returneeRegisteredV1 } from './intake/returnee-registered.v1';

const validData = {
  caseId: randomUUID(),
  returneeId: randomUUID(),
  episodeNumber: 1,
  municipalityCode: 'SV-PA-LA-PAZ-ESTE',
  districtCode: 'SV-PA-LA-PAZ-ESTE/ZACATECOLUCA',
  returnDate: '2026-11-20',
  countryReturnedFrom: 'US',
  minor: false,
  registeredAt: '2026-11-20T15:04:05.000Z',
};

function newEvent() {
  return createEvent(returneeRegisteredV1, {
    subject: validData.caseId,
    source: '/reintegra/intake',
    actor: 'system:test',
    correlationId: randomUUID(),
    data: validData,
  });
}

describe('event catalogue', () => {
  it('round-trips a valid event through JSON', () => {
    const event = newEvent();
    const parsed = parseEvent(Buffer.from(JSON.stringify(event)));
    expect(parsed).toMatchObject({ ok: true, event: { id: event.id, data: validData } });
  });

  it.each([
    ['malformed-json', '{"specversion":'],
    ['invalid-envelope', JSON.stringify({ specversion: '1.0' })],
    ['unknown-type', JSON.stringify({ ...newEvent(), type: 'sv.reintegra.unknown.thing.v1' })],
    [
      'invalid-data',
      JSON.stringify({ ...newEvent(), data: { ...validData, municipalityCode: 'Zacatecoluca' } }),
    ],
  ])('classifies %s input with a reason', (reason, raw) => {
    const parsed = parseEvent(raw);
    expect(parsed.ok).toBe(false);
    expect(parsed).toMatchObject({ reason });
    if (!parsed.ok) expect(parsed.detail.length).toBeGreaterThan(0);
  });

  it('refuses to create an event whose data breaks the contract', () => {
    expect(() =>
      createEvent(returneeRegisteredV1, {
        subject: validData.caseId,
        source: '/reintegra/intake',
        actor: 'system:test',
        correlationId: randomUUID(),
        data: { ...validData, episodeNumber: 0 },
      }),
    ).toThrow();
  });

  it('keeps personal data out of the returnee.registered contract', () => {
    const fields = Object.keys(returneeRegisteredV1.data.shape);
    for (const forbidden of ['dui', 'firstNames', 'lastNames', 'phone', 'email', 'dateOfBirth']) {
      expect(fields).not.toContain(forbidden);
    }
  });
});
