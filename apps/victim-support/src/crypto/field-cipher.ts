import { openBytes, sealBytes } from '@reintegra/platform-crypto';

/** The sensitive fields of a care record; each is encrypted with the case key. */
export type SensitiveField =
  | 'intake-notes'
  | 'risk-reasons'
  | 'safety-plan'
  | 'session-notes'
  | 'legal-case-details'
  | 'break-glass-justification';

const FORMAT_V1 = 1;

/**
 * AES-256-GCM with the case key. The AAD binds each value to its case reference, field and row id,
 * so a ciphertext copied onto another row, field or case fails authentication instead of being
 * shown in the wrong place. Stored as: format byte ‖ iv ‖ tag ‖ ciphertext.
 */
export function encryptField(
  caseKey: Buffer,
  reference: string,
  field: SensitiveField,
  rowId: string,
  plaintext: string,
): Buffer {
  const sealed = sealBytes(caseKey, Buffer.from(plaintext, 'utf8'), aad(reference, field, rowId));
  return Buffer.concat([Buffer.from([FORMAT_V1]), sealed]);
}

export function decryptField(
  caseKey: Buffer,
  reference: string,
  field: SensitiveField,
  rowId: string,
  stored: Buffer,
): string {
  if (stored[0] !== FORMAT_V1) throw new Error('unknown encrypted field format');
  return openBytes(caseKey, stored.subarray(1), aad(reference, field, rowId)).toString('utf8');
}

function aad(reference: string, field: SensitiveField, rowId: string): string {
  return `v1|${reference}|${field}|${rowId}`;
}
