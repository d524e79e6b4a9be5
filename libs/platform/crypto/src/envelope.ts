import { randomBytes } from 'node:crypto';
import { KEY_BYTES, type KeyProvider, openBytes, sealBytes } from './key-provider';

/** A value sealed with its own data key; only the wrapped data key is stored beside it. */
export interface SealedEnvelope {
  /** The record's data key, wrapped by the provider's KEK (bound to `context`). */
  readonly wrappedKey: Buffer;
  /** Which KEK wrapped it, so a swapped key file is noticed rather than read as corruption. */
  readonly kekId: string;
  /** iv ‖ tag ‖ ciphertext (AES-256-GCM, `context` as additional authenticated data). */
  readonly sealed: Buffer;
}

/**
 * Envelope encryption of one record: a fresh AES-256 data key per record, wrapped by the KEK.
 * `context` (e.g. `case-note|<caseId>|<noteId>`) is bound to both the key and the ciphertext, so
 * a value copied onto another record fails authentication instead of being shown there.
 */
export async function sealEnvelope(
  keys: KeyProvider,
  plaintext: Buffer,
  context: string,
): Promise<SealedEnvelope> {
  const dataKey = randomBytes(KEY_BYTES);
  try {
    return {
      wrappedKey: await keys.wrap(dataKey, context),
      kekId: keys.kekId,
      sealed: sealBytes(dataKey, plaintext, context),
    };
  } finally {
    dataKey.fill(0);
  }
}

/** Inverse of sealEnvelope; throws on another KEK, another context or any altered byte. */
export async function openEnvelope(
  keys: KeyProvider,
  envelope: SealedEnvelope,
  context: string,
): Promise<Buffer> {
  if (envelope.kekId !== keys.kekId) {
    throw new Error(`sealed with key ${envelope.kekId}, but the key provider holds ${keys.kekId}`);
  }
  const dataKey = await keys.unwrap(envelope.wrappedKey, context);
  try {
    return openBytes(dataKey, envelope.sealed, context);
  } finally {
    dataKey.fill(0);
  }
}
