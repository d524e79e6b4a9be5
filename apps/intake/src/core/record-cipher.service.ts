import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG } from '@reintegra/platform-config';
import {
  type KeyProvider,
  LocalFileKeyProvider,
  openEnvelope,
  type SealedEnvelope,
  sealEnvelope,
} from '@reintegra/platform-crypto';
import type { IntakeConfig } from '../config';

/** Which kind of record a sealed value belongs to; part of what the ciphertext is bound to. */
export type SealedRecordKind = 'case-note' | 'case-document';

/**
 * Encryption at rest of intake's free text and files (notes, documents): each record gets its own
 * AES-256-GCM data key, stored only wrapped by the KEK of `INTAKE_KEK_FILE` (the same envelope
 * mechanism as victim-support's care records, from `@reintegra/platform-crypto`). A database dump
 * or backup alone reveals no note and no document. The ciphertext is bound to its case and record
 * id, so bytes copied onto another row do not decrypt there.
 */
@Injectable()
export class RecordCipher {
  private readonly keys: KeyProvider;

  constructor(@Inject(APP_CONFIG) config: IntakeConfig) {
    this.keys = LocalFileKeyProvider.fromFile(config.INTAKE_KEK_FILE);
  }

  seal(
    kind: SealedRecordKind,
    caseId: string,
    id: string,
    plaintext: Buffer,
  ): Promise<SealedEnvelope> {
    return sealEnvelope(this.keys, plaintext, `${kind}|${caseId}|${id}`);
  }

  open(
    kind: SealedRecordKind,
    caseId: string,
    id: string,
    envelope: SealedEnvelope,
  ): Promise<Buffer> {
    return openEnvelope(this.keys, envelope, `${kind}|${caseId}|${id}`);
  }
}
