import { newApiKey, parseApiKey, secretMatches } from './api-keys';

describe('agency API keys', () => {
  it('round-trips the key id and matches only its own secret', () => {
    const issued = newApiKey();
    const parsed = parseApiKey(issued.apiKey);
    expect(parsed?.keyId).toBe(issued.keyId);
    expect(secretMatches(parsed?.secret ?? '', issued.secretHash)).toBe(true);
    expect(secretMatches(newApiKey().apiKey.slice(-43), issued.secretHash)).toBe(false);
    expect(issued.secretHash.toString('hex')).not.toContain(parsed?.secret ?? 'x');
  });

  it('refuses anything that is not a key', () => {
    expect(parseApiKey('Bearer abc')).toBeNull();
    expect(parseApiKey(`${newApiKey().apiKey}x`)).toBeNull();
  });
});
