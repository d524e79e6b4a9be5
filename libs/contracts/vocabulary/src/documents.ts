/** Documents a directory service may require (the person brings them). */
export const SERVICE_DOCUMENT_KINDS = [
  'dui',
  'birth-certificate',
  'passport',
  'proof-of-address',
  'deportation-record',
  'medical-record',
  'guardian-authorisation',
] as const;
export type ServiceDocumentKind = (typeof SERVICE_DOCUMENT_KINDS)[number];

/** Documents an education programme can require and a learner can have on file. */
export const LEARNER_DOCUMENT_KINDS = [
  'dui',
  'birth-certificate',
  'last-grade-certificate',
  'guardian-authorisation',
  'proof-of-address',
] as const;
export type LearnerDocumentKind = (typeof LEARNER_DOCUMENT_KINDS)[number];
