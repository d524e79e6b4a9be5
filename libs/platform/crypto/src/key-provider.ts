import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname, resolve } from 'node:path';

/**
 * Envelope encryption: every record has its own data key (AES-256: a care record in
 * victim-support, a note or document in intake); the key provider wraps and unwraps data keys with a key-encryption key (KEK) that never leaves it. Only wrapped keys are
 * stored in the database, so a database dump alone reveals nothing. The local file provider is
 * for development and small installations; a KMS (AWS KMS, GCP KMS, Vault transit) implements the
 * same interface, keeping the KEK in hardware and logging each unwrap.
 */
export interface KeyProvider {
  /** Identifies the KEK a key was wrapped with (stored beside the wrapped key). */
  readonly kekId: string;
  /** Wraps a data key; `context` is bound as additional authenticated data (the case reference). */
  wrap(dataKey: Buffer, context: string): Promise<Buffer>;
  /** Unwraps a data key wrapped with the same context; throws when anything was altered. */
  unwrap(wrapped: Buffer, context: string): Promise<Buffer>;
}

export const KEY_PROVIDER = Symbol('KEY_PROVIDER');

const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;

/** AES-256-GCM with a random IV; output = iv ‖ tag ‖ ciphertext. */
export function sealBytes(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
}

/** Inverse of sealBytes; throws on a wrong key, another AAD or any altered byte. */
export function openBytes(key: Buffer, sealed: Buffer, aad: string): Buffer {
  if (sealed.length < IV_BYTES + TAG_BYTES) throw new Error('sealed value too short');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(sealed.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(sealed.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}

/**
 * KEK in a local file (base64 of 32 random bytes). Created with mode 0600 when missing (an
 * exclusive create, so two processes starting together never write two different keys); an
 * existing file readable by group or others is refused, as is a file of the wrong size.
 */
export class LocalFileKeyProvider implements KeyProvider {
  readonly kekId: string;
  private readonly kek: Buffer;

  private constructor(kek: Buffer) {
    this.kek = kek;
    // A fingerprint, not the key: lets the service notice a swapped KEK file at start-up.
    this.kekId = `local:${createHash('sha256').update(kek).digest('hex').slice(0, 16)}`;
  }

  static fromFile(path: string): LocalFileKeyProvider {
    const file = resolve(path);
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    try {
      const fd = openSync(file, 'wx', 0o600);
      try {
        writeSync(fd, `${randomBytes(KEY_BYTES).toString('base64')}\n`);
      } finally {
        closeSync(fd);
      }
      chmodSync(file, 0o600); // the umask may have narrowed it further; never wider
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if ((statSync(file).mode & 0o077) !== 0) {
      throw new Error(`key file ${file} is readable by group or others: chmod 600 it`);
    }
    const kek = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (kek.length !== KEY_BYTES) throw new Error(`key file ${file} does not hold a 256-bit key`);
    return new LocalFileKeyProvider(kek);
  }

  // The `case-key|` label predates other users of this provider: keys wrapped in the field carry it.
  async wrap(dataKey: Buffer, context: string): Promise<Buffer> {
    return sealBytes(this.kek, dataKey, `case-key|${context}`);
  }

  async unwrap(wrapped: Buffer, context: string): Promise<Buffer> {
    return openBytes(this.kek, wrapped, `case-key|${context}`);
  }
}
