/** The CloudEvents `source` of every event intake publishes. */
export const INTAKE_SOURCE = '/reintegra/intake';
