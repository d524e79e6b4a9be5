import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TokenVerifier } from '@reintegra/platform-auth';
import { loadOrCreateIssuer } from './signing-key';

describe('dev identity signing key', () => {
  it('is created private (0600) once and reused, so earlier tokens stay valid', async () => {
    const keyFile = join(mkdtempSync(join(tmpdir(), 'dev-identity-')), 'key.json');
    const first = await loadOrCreateIssuer(keyFile, 'dev', 'reintegra');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const token = await first.issue({ subject: 'a', roles: ['supervisor'] });
    const second = await loadOrCreateIssuer(keyFile, 'dev', 'reintegra');
    const verifier = new TokenVerifier({
      AUTH_ISSUER: 'dev',
      AUTH_AUDIENCE: 'reintegra',
      AUTH_JWKS: JSON.stringify(second.jwks()),
    });
    await expect(verifier.verify(token)).resolves.toMatchObject({
      subject: 'a',
      roles: ['supervisor'],
    });
  });
});
