import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { ConflictError, NotFoundError } from '@reintegra/platform-errors';
import { KEY_BYTES, KEY_PROVIDER, type KeyProvider } from '@reintegra/platform-crypto';

export const caseErased = () =>
  new ConflictError('care-record.erased', {
    es: 'El expediente fue borrado a solicitud de la persona; su contenido ya no se puede leer.',
    en: 'The record was erased on request; its content can no longer be read.',
  });

export const unknownReference = () =>
  new NotFoundError('care-record.not-found', {
    es: 'No existe un expediente con esa referencia.',
    en: 'There is no care record with that reference.',
  });

interface CaseKeyRow {
  wrapped_key: Buffer | null;
  kek_id: string;
}

/**
 * The data key of each case, stored only wrapped by the key provider's KEK (`case_keys`).
 * Crypto-shredding: `destroy` overwrites the wrapped key with NULL, so every encrypted field of
 * the case becomes permanently unreadable while the non-sensitive shell and the audit trail stay.
 * (PostgreSQL may keep the old tuple until VACUUM; without the KEK it is still only ciphertext,
 * and a KMS provider can additionally schedule deletion of a per-case key.)
 */
@Injectable()
export class CaseKeyService implements OnApplicationBootstrap {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(KEY_PROVIDER) private readonly keys: KeyProvider,
  ) {}

  /**
   * Refuses to serve with a KEK other than the one existing keys were wrapped with: a mistyped
   * key path would otherwise create a fresh key file and every record would look corrupted.
   */
  async onApplicationBootstrap(): Promise<void> {
    const rows: { kek_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT kek_id FROM case_keys WHERE wrapped_key IS NOT NULL`,
    );
    const foreign = rows.filter((row) => row.kek_id !== this.keys.kekId);
    if (foreign.length > 0) {
      throw new Error(
        `case keys are wrapped with ${foreign.map((r) => r.kek_id).join(', ')} but the key provider holds ${this.keys.kekId}: check VICTIM_SUPPORT_KEK_FILE`,
      );
    }
  }

  async create(manager: EntityManager, reference: string): Promise<void> {
    const dataKey = randomBytes(KEY_BYTES);
    try {
      const wrapped = await this.keys.wrap(dataKey, reference);
      await manager.query(
        `INSERT INTO case_keys (reference, wrapped_key, kek_id) VALUES ($1, $2, $3)`,
        [reference, wrapped, this.keys.kekId],
      );
    } finally {
      dataKey.fill(0);
    }
  }

  /** Runs `use` with the case key and wipes the key from memory afterwards. */
  async withKey<T>(
    manager: EntityManager,
    reference: string,
    use: (key: Buffer) => T | Promise<T>,
  ): Promise<T> {
    const rows: CaseKeyRow[] = await manager.query(
      `SELECT wrapped_key, kek_id FROM case_keys WHERE reference = $1`,
      [reference],
    );
    const row = rows[0];
    if (!row) throw unknownReference();
    if (!row.wrapped_key) throw caseErased();
    const key = await this.keys.unwrap(row.wrapped_key, reference);
    try {
      return await use(key);
    } finally {
      key.fill(0);
    }
  }

  /** Crypto-shredding: the wrapped key is removed; the row keeps when it was destroyed. */
  async destroy(manager: EntityManager, reference: string): Promise<void> {
    await manager.query(
      `UPDATE case_keys SET wrapped_key = NULL, destroyed_at = now() WHERE reference = $1`,
      [reference],
    );
  }
}
