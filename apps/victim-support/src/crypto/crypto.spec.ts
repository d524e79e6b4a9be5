import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decryptField, encryptField } from './field-cipher';
import { KEY_BYTES, LocalFileKeyProvider } from '@reintegra/platform-crypto';

const reference = '6f1c2b9e-0d3a-4c1e-9a7b-1f2e3d4c5b6a';
const notes = 'Refiere amenazas del agresor; acordamos plan de salida con su hermana.';

describe('field encryption (AES-256-GCM with the case key)', () => {
  const key = randomBytes(KEY_BYTES);

  it('round-trips a field and never stores the plaintext', () => {
    const stored = encryptField(key, reference, 'session-notes', 'row-1', notes);
    expect(stored.toString('utf8')).not.toContain('amenazas');
    expect(decryptField(key, reference, 'session-notes', 'row-1', stored)).toBe(notes);
  });

  it('uses a fresh IV each time (equal notes do not give equal ciphertexts)', () => {
    const a = encryptField(key, reference, 'session-notes', 'row-1', notes);
    const b = encryptField(key, reference, 'session-notes', 'row-1', notes);
    expect(a.equals(b)).toBe(false);
  });

  it('detects tampering with any byte', () => {
    const stored = encryptField(key, reference, 'safety-plan', reference, notes);
    for (const position of [1, 14, 30, stored.length - 1]) {
      const tampered = Buffer.from(stored);
      tampered.writeUInt8(tampered.readUInt8(position) ^ 0x01, position);
      expect(() => decryptField(key, reference, 'safety-plan', reference, tampered)).toThrow();
    }
  });

  it('fails with a wrong key', () => {
    const stored = encryptField(key, reference, 'risk-reasons', 'r1', notes);
    expect(() =>
      decryptField(randomBytes(KEY_BYTES), reference, 'risk-reasons', 'r1', stored),
    ).toThrow();
  });

  it('refuses a ciphertext moved to another case, field or row', () => {
    const stored = encryptField(key, reference, 'session-notes', 'row-1', notes);
    const other = '0b7e4c1a-2d3f-4e5a-8b6c-7d8e9f0a1b2c';
    expect(() => decryptField(key, other, 'session-notes', 'row-1', stored)).toThrow();
    expect(() => decryptField(key, reference, 'legal-case-details', 'row-1', stored)).toThrow();
    expect(() => decryptField(key, reference, 'session-notes', 'row-2', stored)).toThrow();
  });
});

describe('crypto-shredding', () => {
  it('leaves an erased case unreadable: without the wrapped key no key opens the data', async () => {
    const provider = LocalFileKeyProvider.fromFile(
      join(mkdtempSync(join(tmpdir(), 'vs-kek-')), 'kek.b64'),
    );
    const caseKey = randomBytes(KEY_BYTES);
    const wrapped = await provider.wrap(caseKey, reference);
    const stored = encryptField(caseKey, reference, 'session-notes', 's1', notes);
    // Erasure: the wrapped key is destroyed and the in-memory copy wiped.
    wrapped.fill(0);
    caseKey.fill(0);
    await expect(provider.unwrap(wrapped, reference)).rejects.toThrow();
    expect(() => decryptField(caseKey, reference, 'session-notes', 's1', stored)).toThrow();
    expect(() =>
      decryptField(randomBytes(KEY_BYTES), reference, 'session-notes', 's1', stored),
    ).toThrow();
  });
});
