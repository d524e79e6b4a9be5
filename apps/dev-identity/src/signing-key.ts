import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { JWK } from 'jose';
import { DevTokenIssuer } from '@reintegra/platform-auth';

/**
 * The dev issuer's signing key lives in a local file (created 0600 on first start, never
 * committed), so that tokens stay valid across restarts of `npm start`.
 */
export async function loadOrCreateIssuer(
  keyFile: string,
  issuer: string,
  audience: string,
): Promise<DevTokenIssuer> {
  if (existsSync(keyFile)) {
    return DevTokenIssuer.create(
      issuer,
      audience,
      JSON.parse(readFileSync(keyFile, 'utf8')) as JWK,
    );
  }
  const created = await DevTokenIssuer.create(issuer, audience);
  mkdirSync(dirname(keyFile), { recursive: true });
  writeFileSync(keyFile, JSON.stringify(created.exportPrivateKey()), { mode: 0o600 });
  chmodSync(keyFile, 0o600);
  return created;
}
