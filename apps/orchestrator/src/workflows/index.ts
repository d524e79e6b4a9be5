// Entry point of the workflow bundle: every workflow type the orchestrator's worker runs.
export { reintegrationPath } from './reintegration-path.workflow';
export { referralWorkflow } from './referral.workflow';
