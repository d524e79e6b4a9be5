import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

/**
 * Agency API keys: `rgw_<key id, 32 hex>_<secret, 43 base64url>`. Only the key id and the SHA-256
 * of the secret are stored (the secret has 256 random bits, so a fast hash is enough); the key is
 * shown once, when issued.
 */
const API_KEY = /^rgw_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

export function newApiKey(): { keyId: string; apiKey: string; secretHash: Buffer } {
  const keyId = randomUUID();
  const secret = randomBytes(32).toString('base64url');
  return {
    keyId,
    apiKey: `rgw_${keyId.replaceAll('-', '')}_${secret}`,
    secretHash: hashSecret(secret),
  };
}

export function parseApiKey(value: string): { keyId: string; secret: string } | null {
  const match = API_KEY.exec(value.trim());
  if (!match?.[1] || !match[2]) return null;
  const hex = match[1];
  const keyId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  return { keyId, secret: match[2] };
}

export const hashSecret = (secret: string) => createHash('sha256').update(secret).digest();

export function secretMatches(secret: string, storedHash: Buffer): boolean {
  const given = hashSecret(secret);
  return given.length === storedHash.length && timingSafeEqual(given, storedHash);
}
