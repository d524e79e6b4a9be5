import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventContext } from '@reintegra/platform-messaging';

/** One feature's part in stopping a person's work (placements, workshop seats, projects). */
export interface WindDownStep {
  /** Steps run in this order (lowest first), so events keep one order whoever registered first. */
  readonly order: number;
  run(
    manager: EntityManager,
    caseId: string,
    reasonCode: string,
    context: EventContext,
  ): Promise<void>;
}

/**
 * Stops the work under way for a person whose referral ended or who withdrew consent: open
 * proposals are withdrawn, workshop seats given back, unfinished projects closed, each with the
 * reason code and its event. The caller holds the candidate's row lock. The features that hold
 * such work register their step here (a port in the core, so the core never imports a feature).
 */
@Injectable()
export class CaseWindDown {
  private readonly steps: WindDownStep[] = [];

  register(step: WindDownStep): void {
    this.steps.push(step);
    this.steps.sort((a, b) => a.order - b.order);
  }

  async stop(
    manager: EntityManager,
    caseId: string,
    reasonCode: string,
    context: EventContext,
  ): Promise<void> {
    for (const step of this.steps) await step.run(manager, caseId, reasonCode, context);
  }
}
