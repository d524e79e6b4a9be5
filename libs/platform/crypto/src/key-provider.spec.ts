import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEnvelope, sealEnvelope } from './envelope';
import { KEY_BYTES, LocalFileKeyProvider } from './key-provider';

const reference = '6f1c2b9e-0d3a-4c1e-9a7b-1f2e3d4c5b6a';

describe('local key-encryption key file', () => {
  const dir = () => mkdtempSync(join(tmpdir(), 'vs-kek-'));

  it('creates the key file with mode 0600 on first use and reuses it afterwards', async () => {
    const path = join(dir(), 'nested', 'kek.b64');
    const first = LocalFileKeyProvider.fromFile(path);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const second = LocalFileKeyProvider.fromFile(path);
    expect(second.kekId).toBe(first.kekId);
    const dataKey = randomBytes(KEY_BYTES);
    const wrapped = await first.wrap(dataKey, reference);
    expect((await second.unwrap(wrapped, reference)).equals(dataKey)).toBe(true);
  });

  it('refuses a key file readable by others, or one that is not a 256-bit key', () => {
    const open = join(dir(), 'kek.b64');
    LocalFileKeyProvider.fromFile(open);
    chmodSync(open, 0o644);
    expect(() => LocalFileKeyProvider.fromFile(open)).toThrow(/readable by group or others/);
    const short = join(dir(), 'short.b64');
    writeFileSync(short, randomBytes(16).toString('base64'), { mode: 0o600 });
    expect(() => LocalFileKeyProvider.fromFile(short)).toThrow(/256-bit/);
  });

  it('binds a wrapped case key to its case and to its KEK', async () => {
    const provider = LocalFileKeyProvider.fromFile(join(dir(), 'kek.b64'));
    const otherKek = LocalFileKeyProvider.fromFile(join(dir(), 'kek.b64'));
    const wrapped = await provider.wrap(randomBytes(KEY_BYTES), reference);
    await expect(provider.unwrap(wrapped, 'another-reference')).rejects.toThrow();
    await expect(otherKek.unwrap(wrapped, reference)).rejects.toThrow();
  });
});

describe('envelope of one record', () => {
  const provider = LocalFileKeyProvider.fromFile(
    join(mkdtempSync(join(tmpdir(), 'kek-')), 'kek.b64'),
  );
  const text = Buffer.from('Refiere amenazas; acordamos visita el lunes.', 'utf8');

  it('round-trips, stores neither the plaintext nor the data key in the clear', async () => {
    const envelope = await sealEnvelope(provider, text, 'case-note|c1|n1');
    expect(envelope.sealed.includes(Buffer.from('amenazas'))).toBe(false);
    expect(envelope.kekId).toBe(provider.kekId);
    expect((await openEnvelope(provider, envelope, 'case-note|c1|n1')).equals(text)).toBe(true);
  });

  it('refuses another context (a value moved to another record) and another KEK', async () => {
    const envelope = await sealEnvelope(provider, text, 'case-note|c1|n1');
    await expect(openEnvelope(provider, envelope, 'case-note|c1|n2')).rejects.toThrow();
    const other = LocalFileKeyProvider.fromFile(
      join(mkdtempSync(join(tmpdir(), 'kek-')), 'kek.b64'),
    );
    await expect(openEnvelope(other, envelope, 'case-note|c1|n1')).rejects.toThrow(/sealed with/);
  });
});
