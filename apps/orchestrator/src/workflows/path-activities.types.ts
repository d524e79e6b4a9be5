import type {
  FollowUpDueV1,
  PathPhaseChangedV1,
  ReferralEscalatedV1,
  ReferralProposedV1,
  ReferralRoutedV1,
} from '@reintegra/event-contracts';

/**
 * The side effects the workflows ask for (implemented by PathActivities, a Nest provider in
 * ../path-activities). Type-only imports: nothing from the event contracts enters the bundle.
 * `eventId` comes from the workflow's deterministic uuid4(), so a retried activity writes the
 * same outbox row at most once.
 */
export type PathEventPublication = { readonly eventId: string; readonly caseId: string } & (
  | { readonly kind: 'phase-changed'; readonly data: PathPhaseChangedV1 }
  | { readonly kind: 'referral-escalated'; readonly data: ReferralEscalatedV1 }
  | { readonly kind: 'referral-routed'; readonly data: ReferralRoutedV1 }
  | { readonly kind: 'follow-up-due'; readonly data: FollowUpDueV1 }
  | { readonly kind: 'referral-proposed'; readonly data: ReferralProposedV1 }
);

export interface NextProviderRequest {
  readonly referralId: string;
  readonly service: string;
  readonly municipalityCode: string;
  /** Providers already asked for this referral. */
  readonly exclude: readonly string[];
  /** The person's facts for eligibility (age, sex for women-only services, district), when known. */
  readonly eligibility?: {
    readonly ageYears?: number;
    readonly sex?: 'female' | 'male';
    readonly districtCode?: string;
  };
}

export interface PathActivities {
  publishPathEvent(publication: PathEventPublication): Promise<void>;
  /** The next eligible provider beyond the referral's own list, or null when there is none. */
  nextEligibleProvider(request: NextProviderRequest): Promise<string | null>;
}

/**
 * Attempts of the routing activity (the workflow's retry policy). On the last one the activity
 * gives up on an unreachable directory and answers "nobody": the referral is unrouted and the
 * supervisor re-routes by hand, rather than the referral's workflow failing.
 */
export const NEXT_PROVIDER_ATTEMPTS = 5;

/** Error type of a publication that breaks its contract: retrying cannot fix it. */
export const INVALID_PATH_EVENT = 'InvalidPathEvent';
