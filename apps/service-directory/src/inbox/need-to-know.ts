import type { EligibilityFacts, ReferralService } from '@reintegra/event-contracts';

/**
 * Services whose providers are outside organisations answering through the provider inbox.
 * Employment, education and victim support answer through their own services.
 */
export const INBOX_SERVICES = ['psychosocial', 'legal-documents', 'health', 'housing'] as const;
export type InboxService = (typeof INBOX_SERVICES)[number];

export const isInboxService = (service: ReferralService): service is InboxService =>
  (INBOX_SERVICES as readonly string[]).includes(service);

/**
 * What an outside organisation sees of the person, per service type — nothing else is kept or
 * shown (never names, DUI, contact, case id or answers; those stay with intake and reach a provider
 * only through a consented channel):
 * - housing: sex (shelters separate dormitories; women-only shelters) and age (adults-only places);
 * - health: sex and age (women's health, paediatrics);
 * - psychosocial: age (adolescent and adult groups differ);
 * - legal-documents: nothing (documents are requested by the person in person).
 */
export const NEED_TO_KNOW: Record<InboxService, readonly (keyof EligibilityFacts)[]> = {
  housing: ['sex', 'ageYears'],
  health: ['sex', 'ageYears'],
  psychosocial: ['ageYears'],
  'legal-documents': [],
};

/** Keeps only the facts the service type needs. */
export function needToKnow(
  service: InboxService,
  facts: EligibilityFacts | undefined,
): Partial<EligibilityFacts> {
  const allowed = NEED_TO_KNOW[service];
  return Object.fromEntries(
    Object.entries(facts ?? {}).filter(([key]) => allowed.includes(key as keyof EligibilityFacts)),
  );
}
