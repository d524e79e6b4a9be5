import { Inject, Injectable, Logger } from '@nestjs/common';
import { ApplicationFailure } from '@temporalio/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import {
  followUpDueV1,
  pathPhaseChangedV1,
  referralEscalatedV1,
  referralProposedV1,
  referralRoutedV1,
  type EventDefinition,
} from '@reintegra/event-contracts';
import { APP_CONFIG } from '@reintegra/platform-config';
import { OutboxWriter } from '@reintegra/platform-messaging';
import type { OrchestratorConfig } from '../config';
import {
  INVALID_PATH_EVENT,
  type NextProviderRequest,
  type PathActivities,
  type PathEventPublication,
} from '../workflows/path-activities.types';

const DEFINITIONS: Record<PathEventPublication['kind'], EventDefinition> = {
  'phase-changed': pathPhaseChangedV1,
  'referral-escalated': referralEscalatedV1,
  'referral-routed': referralRoutedV1,
  'follow-up-due': followUpDueV1,
  'referral-proposed': referralProposedV1,
};

/**
 * The workflows' side effects, as a Nest provider registered into the Temporal worker. Events go
 * through the orchestrator's outbox (relayed to reintegra.path.events by OutboxRelay), keyed by
 * the workflow's deterministic event id, so a retried activity never publishes twice.
 */
@Injectable()
export class PathActivitiesProvider {
  private readonly logger = new Logger(PathActivitiesProvider.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxWriter,
    @Inject(APP_CONFIG) private readonly config: OrchestratorConfig,
  ) {}

  /** The functions the worker registers (bound: Temporal calls them without `this`). */
  activities(): PathActivities {
    return {
      publishPathEvent: (publication) => this.publishPathEvent(publication),
      nextEligibleProvider: (request) => this.nextEligibleProvider(request),
    };
  }

  async publishPathEvent(publication: PathEventPublication): Promise<void> {
    const definition = DEFINITIONS[publication.kind];
    try {
      await this.dataSource.transaction((manager) =>
        this.outbox.publish(
          manager,
          definition,
          { subject: publication.caseId, data: publication.data, id: publication.eventId },
          { actor: this.outbox.origin.systemActor, correlationId: publication.caseId },
        ),
      );
    } catch (error) {
      // A breach of the contract is a bug in the workflow: retrying cannot fix it.
      if (error instanceof z.ZodError) {
        throw ApplicationFailure.nonRetryable(
          `path event ${publication.kind} breaks its contract: ${error.message}`,
          INVALID_PATH_EVENT,
        );
      }
      throw error;
    }
    this.logger.log({
      msg: 'path event queued',
      kind: publication.kind,
      eventId: publication.eventId,
    });
  }

  /**
   * The provider directory beyond a referral's own list: REFERRAL_FALLBACK_PROVIDERS maps a
   * service to providers in routing order (empty by default: the supervisor re-routes by hand).
   */
  async nextEligibleProvider(request: NextProviderRequest): Promise<string | null> {
    const candidates = this.config.REFERRAL_FALLBACK_PROVIDERS[request.service] ?? [];
    return candidates.find((providerId) => !request.exclude.includes(providerId)) ?? null;
  }
}
