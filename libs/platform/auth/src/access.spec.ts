import { canActInMunicipality, type Actor } from './actor';
import { DevTokenIssuer } from './dev-token-issuer';
import { TokenVerifier } from './token-verifier';

async function setup() {
  const issuer = await DevTokenIssuer.create('test-issuer', 'reintegra');
  const verifier = new TokenVerifier({
    AUTH_ISSUER: 'test-issuer',
    AUTH_AUDIENCE: 'reintegra',
    AUTH_JWKS: JSON.stringify(issuer.jwks()),
  });
  return { issuer, verifier };
}

describe('access tokens', () => {
  it('turns a valid token into an actor with roles, municipality and organisation', async () => {
    const { issuer, verifier } = await setup();
    const token = await issuer.issue({
      subject: 'u-1',
      roles: ['education-caseworker'],
      municipalityCode: 'SV-PA-LA-PAZ-ESTE',
      organisationId: 'school-1',
    });
    await expect(verifier.verify(token)).resolves.toEqual({
      subject: 'u-1',
      roles: ['education-caseworker'],
      municipalityCode: 'SV-PA-LA-PAZ-ESTE',
      organisationId: 'school-1',
    });
  });

  it('rejects a token signed by another key, for another audience, or expired', async () => {
    const { verifier } = await setup();
    const stranger = await DevTokenIssuer.create('test-issuer', 'reintegra');
    await expect(
      verifier.verify(await stranger.issue({ subject: 'x', roles: ['admin'] })),
    ).rejects.toThrow();
    const { issuer } = await setup();
    const otherAudience = await DevTokenIssuer.create(
      'test-issuer',
      'elsewhere',
      issuer.exportPrivateKey(),
    );
    const verifierOfIssuer = new TokenVerifier({
      AUTH_ISSUER: 'test-issuer',
      AUTH_AUDIENCE: 'reintegra',
      AUTH_JWKS: JSON.stringify(issuer.jwks()),
    });
    await expect(
      verifierOfIssuer.verify(await otherAudience.issue({ subject: 'x', roles: ['admin'] })),
    ).rejects.toThrow(/aud/);
    await expect(
      verifierOfIssuer.verify(await issuer.issue({ subject: 'x', roles: ['admin'] }, -60)),
    ).rejects.toThrow(/exp/);
  });

  it('rejects a token whose roles are not platform roles', async () => {
    const { issuer, verifier } = await setup();
    const token = await issuer.issue({ subject: 'x', roles: ['root' as never] });
    await expect(verifier.verify(token)).rejects.toThrow(/roles/);
  });

  it('keeps municipal staff to their municipality; national roles act everywhere', () => {
    const officer: Actor = {
      subject: 'a',
      roles: ['intake-officer'],
      municipalityCode: 'SV-PA-LA-PAZ-ESTE',
    };
    const national: Actor = { subject: 'b', roles: ['national-supervisor'] };
    expect(canActInMunicipality(officer, 'SV-PA-LA-PAZ-ESTE')).toBe(true);
    expect(canActInMunicipality(officer, 'SV-SS-SAN-SALVADOR-CENTRO')).toBe(false);
    expect(canActInMunicipality(national, 'SV-SS-SAN-SALVADOR-CENTRO')).toBe(true);
  });
});

describe('verified tokens remembered (issue 21)', () => {
  it('answers a token seen before from memory, never past its expiry, and a changed byte in full', async () => {
    const { issuer, verifier } = await setup();
    const token = await issuer.issue({ subject: 'u-2', roles: ['intake-officer'] });
    const first = await verifier.verify(token);
    // The same object: not verified or parsed again.
    expect(await verifier.verify(token)).toBe(first);
    const [head, body, signature = ''] = token.split('.');
    const flipped = `${head}.${body}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`;
    await expect(verifier.verify(flipped)).rejects.toThrow();

    const shortLived = await issuer.issue({ subject: 'u-3', roles: ['intake-officer'] }, 1);
    const before = await verifier.verify(shortLived);
    expect(await verifier.verify(shortLived)).toBe(before);
    const now = Date.now;
    Date.now = () => now() + 2_000;
    try {
      // Past its expiry it is verified in full again (jose's 30 s clock tolerance still accepts
      // it), so a new object, not the remembered one.
      const again = await verifier.verify(shortLived);
      expect(again).toEqual(before);
      expect(again).not.toBe(before);
    } finally {
      Date.now = now;
    }
  });
});
