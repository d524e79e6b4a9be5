import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Keys derived from the one gateway key (PARTNER_GATEWAY_KEY), which never enters the database:
 * - each agency's pseudonym key = HKDF(gateway key, agency salt, "pseudonym:<agencyId>");
 * - the key that encrypts webhook secrets at rest (they must be recoverable: the gateway signs).
 * A database copy alone can neither re-identify pseudonyms nor forge webhook signatures.
 */
export class GatewayKeys {
  private readonly master: Buffer;
  private readonly secretsKey: Buffer;
  private readonly agencyKeys = new Map<string, Buffer>();

  constructor(masterKeyBase64: string) {
    this.master = Buffer.from(masterKeyBase64, 'base64');
    if (this.master.length !== 32) throw new Error('the gateway key must be 32 bytes');
    this.secretsKey = Buffer.from(
      hkdfSync('sha256', this.master, Buffer.alloc(0), 'webhook-secrets', 32),
    );
  }

  /** The agency's pseudonymiser: HMAC-SHA256 under its own key, base64url (43 characters). */
  pseudonymiser(agencyId: string, salt: Buffer): Pseudonymiser {
    const cacheKey = `${agencyId}:${salt.toString('base64')}`;
    let key = this.agencyKeys.get(cacheKey);
    if (!key) {
      key = Buffer.from(hkdfSync('sha256', this.master, salt, `pseudonym:${agencyId}`, 32));
      this.agencyKeys.set(cacheKey, key);
    }
    const agencyKey = key;
    const hmac = (input: string) =>
      createHmac('sha256', agencyKey).update(input).digest('base64url');
    return {
      caseSubject: (caseId) => hmac(caseId),
      // Domain-separated so that a referral's pseudonym never equals a case's.
      referral: (referralId) => hmac(`referral:${referralId}`),
    };
  }

  encryptSecret(plain: string): Buffer {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.secretsKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  decryptSecret(sealed: Buffer): string {
    const decipher = createDecipheriv('aes-256-gcm', this.secretsKey, sealed.subarray(0, 12));
    decipher.setAuthTag(sealed.subarray(12, 28));
    return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]).toString('utf8');
  }
}

export interface Pseudonymiser {
  caseSubject(caseId: string): string;
  referral(referralId: string): string;
}

/** A new agency's salt (stored; useless without the gateway key). */
export const newPseudonymSalt = () => randomBytes(32);
