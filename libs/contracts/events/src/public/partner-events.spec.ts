import { z } from 'zod';
import { partnerEventCatalogue } from './partner-catalogue';
import { partnerEventEnvelopeSchema, partnerTopicOf } from './partner-envelope';
import { partnerReferralServiceSchema } from './partner-events.v1';
import {
  partnerCommunityActivityChangedV1,
  partnerDirectoryServiceChangedV1,
  partnerListedServiceSchema,
} from './partner-listings.v1';

/** Every property name anywhere in a JSON schema. */
function propertyNames(schema: unknown): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const node = schema as Record<string, unknown>;
  const own = Object.keys((node['properties'] as object | undefined) ?? {});
  return [...own, ...Object.values(node).flatMap((value) => propertyNames(value))];
}

describe('partner event contracts', () => {
  it.each(partnerEventCatalogue.map((definition) => [definition.type, definition]))(
    '%s: its example is valid and its type is a public one',
    (_type, definition) => {
      expect(definition.data.safeParse(definition.example).success).toBe(true);
      expect(partnerEventEnvelopeSchema.shape.type.safeParse(definition.type).success).toBe(true);
    },
  );

  it('carries no internal id, name, contact, document or answer field', () => {
    const forbidden = [
      'caseId',
      'returneeId',
      'referralId',
      'consentId',
      'reference',
      'dui',
      'firstNames',
      'lastNames',
      'dateOfBirth',
      'phone',
      'email',
      'address',
      'answers',
      'screening',
      'returnDate',
      'riskLevel',
      'reasonCode',
    ];
    for (const definition of partnerEventCatalogue) {
      const names = propertyNames(z.toJSONSchema(definition.data, { io: 'input' }));
      expect(names.filter((name) => forbidden.includes(name))).toEqual([]);
    }
  });

  it('never names victim support or child protection as a service', () => {
    expect(partnerReferralServiceSchema.options).not.toContain('victim-support');
    expect(partnerReferralServiceSchema.options).not.toContain('child-protection');
  });

  it('lists services and activities without victim support, participants or their figures', () => {
    expect(partnerListedServiceSchema.options).not.toContain('victim-support');
    const participation = [
      'participantId',
      'origin',
      'milestone',
      'attendedSessions',
      'eligibleSessions',
      'seatsTaken',
      'participants',
      'sustained',
      'facilitators',
    ];
    for (const definition of [
      partnerDirectoryServiceChangedV1,
      partnerCommunityActivityChangedV1,
    ]) {
      const names = propertyNames(z.toJSONSchema(definition.data, { io: 'input' }));
      expect(names.filter((name) => participation.includes(name))).toEqual([]);
    }
    expect(
      partnerDirectoryServiceChangedV1.data.safeParse({
        ...partnerDirectoryServiceChangedV1.example,
        serviceType: 'victim-support',
      }).success,
    ).toBe(false);
  });

  it('has one definition per type and exactly one mandatory type (redaction)', () => {
    const types = partnerEventCatalogue.map((definition) => definition.type);
    expect(new Set(types).size).toBe(types.length);
    expect(partnerEventCatalogue.filter((definition) => definition.mandatory)).toHaveLength(1);
  });

  it('names per-agency topics and refuses ids that are not topic-safe', () => {
    expect(partnerTopicOf('oim-sv')).toBe('reintegra.partner.oim-sv');
    expect(() => partnerTopicOf('OIM.sv')).toThrow();
  });
});
