import { Injectable } from '@nestjs/common';
import type { UpdateDefinition } from '@temporalio/common';
import type {
  AssessmentCompletedV1,
  CaseClosedV1,
  CaseTransferredV1,
  EventEnvelope,
  PlanApprovedV1,
} from '@reintegra/event-contracts';
import type { MessagePosition } from '@reintegra/platform-messaging';
import {
  approveClosureUpdate,
  type Dimension,
  type PathEvent,
  pathEventUpdate,
  reintegrationPathWorkflowId,
  transferMunicipalityUpdate,
} from '@reintegra/workflow-contracts';
import { sendUpdate } from './parked-events';
import { WorkflowDelivery } from './workflow-delivery.service';

/**
 * Intake's case lifecycle events → the case's path. An initial assessment and a plan approval move
 * its phase; a follow-up re-assessment (with a wave) is the wave's score, compared with the
 * baseline; the supervisor's closure closes the path; an accepted transfer moves it to the new
 * municipality's office. Scores only, never answers.
 */
@Injectable()
export class CaseLifecycleEventsHandler {
  constructor(private readonly workflows: WorkflowDelivery) {}

  assessmentCompleted(
    event: EventEnvelope<AssessmentCompletedV1>,
    position: MessagePosition,
  ): Promise<void> {
    const { data } = event;
    const scores = dimensionScores(data.scores);
    const pathEvent: PathEvent =
      data.wave === undefined
        ? {
            kind: 'assessment-completed',
            eventId: event.id,
            occurredAt: data.completedAt,
            riskLevel: data.riskLevel,
            scores,
          }
        : {
            kind: 'follow-up-scored',
            eventId: event.id,
            occurredAt: data.completedAt,
            wave: data.wave,
            scores,
          };
    return this.toPath(event, position, data.caseId, pathEventUpdate, pathEvent);
  }

  planApproved(event: EventEnvelope<PlanApprovedV1>, position: MessagePosition): Promise<void> {
    const { data } = event;
    return this.toPath(event, position, data.caseId, pathEventUpdate, {
      kind: 'plan-approved',
      eventId: event.id,
      occurredAt: data.approvedAt,
      ...(data.assignedOfficer ? { assignedOfficer: data.assignedOfficer } : {}),
    });
  }

  caseClosed(event: EventEnvelope<CaseClosedV1>, position: MessagePosition): Promise<void> {
    const { data } = event;
    return this.toPath(event, position, data.caseId, approveClosureUpdate, {
      eventId: event.id,
      supervisorId: data.approvedBy,
      reason: data.reason,
    });
  }

  caseTransferred(
    event: EventEnvelope<CaseTransferredV1>,
    position: MessagePosition,
  ): Promise<void> {
    const { data } = event;
    return this.toPath(event, position, data.caseId, transferMunicipalityUpdate, {
      eventId: event.id,
      transferId: data.transferId,
      municipalityCode: data.toMunicipalityCode,
    });
  }

  /** Sends the event to the case's path as an update. */
  private toPath<Arg>(
    event: EventEnvelope,
    position: MessagePosition,
    caseId: string,
    update: UpdateDefinition<unknown, [Arg]>,
    arg: NoInfer<Arg>,
  ): Promise<void> {
    const workflowId = reintegrationPathWorkflowId(caseId);
    return this.workflows.deliver(event, position, workflowId, sendUpdate(update, arg));
  }
}

function dimensionScores(
  scores: AssessmentCompletedV1['scores'],
): Partial<Record<Dimension, number>> {
  const { economic, social, psychosocial } = scores;
  return {
    ...(economic !== undefined ? { economic } : {}),
    ...(social !== undefined ? { social } : {}),
    ...(psychosocial !== undefined ? { psychosocial } : {}),
  };
}
