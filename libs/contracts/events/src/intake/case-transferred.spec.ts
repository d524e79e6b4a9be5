import { randomUUID } from 'node:crypto';
import { createEvent, parseEvent } from '../catalogue';
import { caseTransferredV1 } from './case-transferred.v1';

const data = {
  caseId: randomUUID(),
  transferId: randomUUID(),
  fromMunicipalityCode: 'SV-PA-LA-PAZ-ESTE',
  toMunicipalityCode: 'SV-SS-SAN-SALVADOR-CENTRO',
  toDistrictCode: 'SV-SS-SAN-SALVADOR-CENTRO/AYUTUXTEPEQUE',
  requestedBy: 'user:oficial',
  acceptedBy: 'user:supervisora',
  transferredAt: '2026-12-04T08:00:00.000Z',
};
const envelope = (value: typeof data) =>
  createEvent(caseTransferredV1, {
    subject: value.caseId,
    source: '/reintegra/intake',
    actor: 'user:supervisora',
    correlationId: randomUUID(),
    data: value,
  });

describe('case.transferred.v1', () => {
  it('round-trips through the catalogue on the returnees topic', () => {
    const event = envelope(data);
    expect(caseTransferredV1.topic).toBe('reintegra.intake.returnees');
    expect(parseEvent(JSON.stringify(event))).toMatchObject({ ok: true, event: { data } });
  });

  it('refuses a municipality that is not a reference-data code', () => {
    expect(() => envelope({ ...data, toMunicipalityCode: 'San Salvador' })).toThrow();
  });
});
