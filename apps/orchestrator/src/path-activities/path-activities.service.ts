import { Injectable, Logger } from '@nestjs/common';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import { DataSource, type EntityManager } from 'typeorm';
import { z } from 'zod';
import {
  followUpDueV1,
  pathPhaseChangedV1,
  referralEscalatedV1,
  referralProposedV1,
  referralRoutedV1,
  type EventDefinition,
} from '@reintegra/event-contracts';
import { OutboxWriter } from '@reintegra/platform-messaging';
import {
  INVALID_PATH_EVENT,
  NEXT_PROVIDER_ATTEMPTS,
  type NextProviderRequest,
  type PathActivities,
  type PathEventPublication,
} from '../workflows/path-activities.types';
import { DirectoryClient } from './directory-client.service';

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
    private readonly directory: DirectoryClient,
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
      await this.dataSource.transaction(async (manager) =>
        this.outbox.publish(
          manager,
          definition,
          {
            subject: publication.caseId,
            data: await this.withRoutingReason(manager, publication),
            id: publication.eventId,
          },
          { actor: this.outbox.origin.systemActor, correlationId: publication.caseId },
        ),
      );
    } catch (error) {
      // A breach of the contract is a bug in the workflow: retrying cannot fix it.
      if (error instanceof z.ZodError) {
        throw ApplicationFailure.nonRetryable(
          `path event ${publication.kind} breaks its contract: ${error.message}`,
          INVALID_PATH_EVENT,
          NEXT_PROVIDER_ATTEMPTS,
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
   * The next provider beyond the referral's own list, from the service directory (same service,
   * eligible, nearest first, with capacity, not already asked). Its reason is kept until the
   * workflow publishes the re-routing event, which then carries it. The result recorded in the
   * workflow's history stays a provider id, so the workflow code is unchanged.
   */
  async nextEligibleProvider(request: NextProviderRequest): Promise<string | null> {
    let answer;
    try {
      answer = await this.directory.nextProvider(request);
    } catch (error) {
      const final = (error instanceof ApplicationFailure && error.nonRetryable) || lastAttempt();
      if (!final) throw error; // Temporal retries: the directory may be back soon
      this.logger.error({
        msg: 'service directory unavailable: referral left unrouted for the supervisor',
        referralId: request.referralId,
        error: (error as Error).message,
      });
      return null;
    }
    this.logger.log({
      msg: 'directory routing answer',
      referralId: request.referralId,
      providerId: answer.providerId,
      code: answer.reason.code,
    });
    if (answer.providerId === null) return null;
    await this.dataSource.query(
      `INSERT INTO routing_decisions (referral_id, provider_id, reason) VALUES ($1, $2, $3)
       ON CONFLICT (referral_id, provider_id) DO UPDATE SET reason = EXCLUDED.reason, decided_at = now()`,
      [request.referralId, answer.providerId, JSON.stringify(answer.reason)],
    );
    return answer.providerId;
  }

  /** A re-routing event gets the directory's reason for choosing that provider, when it chose it. */
  private async withRoutingReason(
    manager: EntityManager,
    publication: PathEventPublication,
  ): Promise<PathEventPublication['data']> {
    if (publication.kind !== 'referral-routed') return publication.data;
    const { data } = publication;
    if (data.action !== 'rerouted' || data.routing) return data;
    const rows = (await manager.query(
      `SELECT reason FROM routing_decisions WHERE referral_id = $1 AND provider_id = $2`,
      [data.referralId, data.providerId],
    )) as { reason: NonNullable<typeof data.routing> }[];
    return rows[0] ? { ...data, routing: rows[0].reason } : data;
  }
}

/** Whether this is the routing activity's last attempt (outside an activity: treat as last). */
function lastAttempt(): boolean {
  try {
    return Context.current().info.attempt >= NEXT_PROVIDER_ATTEMPTS;
  } catch {
    return true;
  }
}
