import type { EligibilityFacts, RoutingProximity, RoutingReason } from '@reintegra/event-contracts';

/** What routing knows of one directory service (a row of core/directory.queries.ts). */
export interface RoutingCandidate {
  serviceId: string;
  organizationId: string;
  locationId: string;
  departmentCode: string;
  municipalityCode: string;
  districtCode: string | null;
  minimumAge: number | null;
  maximumAge: number | null;
  womenOnly: boolean;
  /** Places free: live (capacity events) when known, else as last reported; null = unknown. */
  capacityAvailable: number | null;
}

export interface RoutingQuestion {
  municipalityCode: string;
  departmentCode: string;
  eligibility: EligibilityFacts;
  /** Providers already asked for this referral. */
  exclude: readonly string[];
}

export type Ineligibility = 'women-only' | 'sex-unknown' | 'age-unknown' | 'age-out-of-range';

export interface RoutingDecision {
  choice: RoutingCandidate | null;
  reason: RoutingReason;
  text: { es: string; en: string };
}

const PROXIMITY_ORDER: readonly RoutingProximity[] = [
  'same-district',
  'same-municipality',
  'same-department',
  'elsewhere',
];

export function proximityOf(
  candidate: Pick<RoutingCandidate, 'departmentCode' | 'municipalityCode' | 'districtCode'>,
  question: Pick<RoutingQuestion, 'municipalityCode' | 'departmentCode' | 'eligibility'>,
): RoutingProximity {
  const district = question.eligibility.districtCode;
  if (district && candidate.districtCode === district) return 'same-district';
  if (candidate.municipalityCode === question.municipalityCode) return 'same-municipality';
  if (candidate.departmentCode === question.departmentCode) return 'same-department';
  return 'elsewhere';
}

/**
 * The eligibility rules, and only them: a service for women only needs the person to be a woman;
 * an age range needs the age. A fact that is not known never counts as a match.
 */
export function ineligibility(
  candidate: Pick<RoutingCandidate, 'womenOnly' | 'minimumAge' | 'maximumAge'>,
  facts: EligibilityFacts,
): Ineligibility | null {
  if (candidate.womenOnly) {
    if (facts.sex === undefined) return 'sex-unknown';
    if (facts.sex !== 'female') return 'women-only';
  }
  if (candidate.minimumAge !== null || candidate.maximumAge !== null) {
    if (facts.ageYears === undefined) return 'age-unknown';
    if (candidate.minimumAge !== null && facts.ageYears < candidate.minimumAge)
      return 'age-out-of-range';
    if (candidate.maximumAge !== null && facts.ageYears > candidate.maximumAge)
      return 'age-out-of-range';
  }
  return null;
}

/**
 * Which provider next: same service type (the caller's query), eligible, not already asked, with
 * capacity; nearest first (district, municipality, department, elsewhere); within one distance,
 * known free places before unknown capacity, more places first, then ids (a stable order).
 * Services with no free place are skipped. One pass over the candidates.
 */
export function decideNextProvider(
  candidates: readonly RoutingCandidate[],
  question: RoutingQuestion,
): RoutingDecision {
  const skipped = { alreadyAsked: 0, noCapacity: 0, notEligible: 0 };
  const excluded = new Set(question.exclude);
  let best: { candidate: RoutingCandidate; rank: [number, number, number] } | undefined;
  for (const candidate of candidates) {
    if (excluded.has(candidate.organizationId)) {
      skipped.alreadyAsked += 1;
      continue;
    }
    if (ineligibility(candidate, question.eligibility) !== null) {
      skipped.notEligible += 1;
      continue;
    }
    if (candidate.capacityAvailable === 0) {
      skipped.noCapacity += 1;
      continue;
    }
    const rank: [number, number, number] = [
      PROXIMITY_ORDER.indexOf(proximityOf(candidate, question)),
      candidate.capacityAvailable === null ? 1 : 0,
      -(candidate.capacityAvailable ?? 0),
    ];
    if (!best || isBefore(rank, candidate, best.rank, best.candidate)) best = { candidate, rank };
  }
  if (!best) {
    return {
      choice: null,
      reason: { decidedBy: 'service-directory', code: 'directory.none-eligible', skipped },
      text: noneText(skipped),
    };
  }
  const chosen = best.candidate;
  const proximity = PROXIMITY_ORDER[best.rank[0]] ?? 'elsewhere';
  const reason: RoutingReason = {
    decidedBy: 'service-directory',
    code: 'directory.nearest-eligible',
    serviceId: chosen.serviceId,
    locationId: chosen.locationId,
    proximity,
    capacity: chosen.capacityAvailable === null ? 'unknown' : 'available',
    ...(chosen.capacityAvailable === null ? {} : { capacityAvailable: chosen.capacityAvailable }),
    skipped,
  };
  return { choice: chosen, reason, text: chosenText(reason) };
}

function isBefore(
  rank: [number, number, number],
  candidate: RoutingCandidate,
  bestRank: [number, number, number],
  bestCandidate: RoutingCandidate,
): boolean {
  for (let i = 0; i < rank.length; i += 1) {
    if (rank[i] !== bestRank[i]) return (rank[i] ?? 0) < (bestRank[i] ?? 0);
  }
  return (
    candidate.organizationId.localeCompare(bestCandidate.organizationId) < 0 ||
    (candidate.organizationId === bestCandidate.organizationId &&
      candidate.serviceId.localeCompare(bestCandidate.serviceId) < 0)
  );
}

const PROXIMITY_TEXT: Record<RoutingProximity, { es: string; en: string }> = {
  'same-district': { es: 'en el mismo distrito', en: 'in the same district' },
  'same-municipality': { es: 'en el mismo municipio', en: 'in the same municipality' },
  'same-department': { es: 'en el mismo departamento', en: 'in the same department' },
  elsewhere: { es: 'en otro departamento', en: 'in another department' },
};

function skippedText(skipped: RoutingReason['skipped']): { es: string; en: string } {
  return {
    es: `omitidos: ${skipped.alreadyAsked} ya consultados, ${skipped.noCapacity} sin cupo, ${skipped.notEligible} no elegibles`,
    en: `skipped: ${skipped.alreadyAsked} already asked, ${skipped.noCapacity} without capacity, ${skipped.notEligible} not eligible`,
  };
}

/** The reason in words (Spanish first), from the codes alone. */
export function chosenText(reason: RoutingReason): { es: string; en: string } {
  const where = PROXIMITY_TEXT[reason.proximity ?? 'elsewhere'];
  const places =
    reason.capacityAvailable === undefined
      ? { es: 'cupo no informado', en: 'capacity not reported' }
      : {
          es: `${reason.capacityAvailable} cupo(s) libre(s)`,
          en: `${reason.capacityAvailable} free place(s)`,
        };
  const skipped = skippedText(reason.skipped);
  return {
    es: `Proveedor elegible más cercano, ${where.es}, con ${places.es}; ${skipped.es}.`,
    en: `Nearest eligible provider, ${where.en}, with ${places.en}; ${skipped.en}.`,
  };
}

function noneText(skipped: RoutingReason['skipped']): { es: string; en: string } {
  const text = skippedText(skipped);
  return {
    es: `Ningún proveedor elegible con cupo en el directorio; ${text.es}.`,
    en: `No eligible provider with capacity in the directory; ${text.en}.`,
  };
}
