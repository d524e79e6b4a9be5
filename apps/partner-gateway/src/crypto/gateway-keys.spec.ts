import { randomBytes, randomUUID } from 'node:crypto';
import { GatewayKeys } from './gateway-keys';

const key = randomBytes(32).toString('base64');

describe('gateway keys', () => {
  const keys = new GatewayKeys(key);
  const caseId = randomUUID();

  it('gives a case the same pseudonym for one agency, a different one for another', () => {
    const salt = randomBytes(32);
    const oim = keys.pseudonymiser('oim', salt);
    const ngo = keys.pseudonymiser('ong-esperanza', randomBytes(32));
    expect(oim.caseSubject(caseId)).toBe(keys.pseudonymiser('oim', salt).caseSubject(caseId));
    expect(oim.caseSubject(caseId)).not.toBe(ngo.caseSubject(caseId));
    expect(oim.caseSubject(caseId)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(oim.caseSubject(caseId)).not.toContain(caseId.slice(0, 8));
    expect(oim.referral(caseId)).not.toBe(oim.caseSubject(caseId));
  });

  it('changes every pseudonym under another gateway key', () => {
    const salt = randomBytes(32);
    const other = new GatewayKeys(randomBytes(32).toString('base64'));
    expect(keys.pseudonymiser('oim', salt).caseSubject(caseId)).not.toBe(
      other.pseudonymiser('oim', salt).caseSubject(caseId),
    );
  });

  it('seals webhook secrets so that only the gateway key opens them', () => {
    const sealed = keys.encryptSecret('whsec_abc');
    expect(sealed.toString('utf8')).not.toContain('whsec_abc');
    expect(keys.decryptSecret(sealed)).toBe('whsec_abc');
    expect(() =>
      new GatewayKeys(randomBytes(32).toString('base64')).decryptSecret(sealed),
    ).toThrow();
  });
});
