import { consentGrantedV1, consentWithdrawnV1 } from '@reintegra/event-contracts';
import { project, type Projections, timelineOnly } from './projection-core';

/** Intake's consents topic: grants and withdrawals enter the case's timeline only. */
export const intakeConsentsProjections: Projections = {
  ...project(consentGrantedV1, timelineOnly),
  ...project(consentWithdrawnV1, timelineOnly),
};
