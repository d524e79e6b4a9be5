import { randomUUID } from 'node:crypto';

/**
 * The `returnee.registered.v1` data intake publishes for an adult opening a case's first episode,
 * for test beds that stand in for intake.
 */
export function adultRegistration(caseId: string, municipalityCode: string) {
  return {
    caseId,
    returneeId: randomUUID(),
    episodeNumber: 1,
    municipalityCode,
    returnDate: '2026-11-20',
    countryReturnedFrom: 'US',
    minor: false,
    registeredAt: new Date().toISOString(),
  };
}
