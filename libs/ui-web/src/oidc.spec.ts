import { createHash } from 'node:crypto';
import { finishSignIn, pkceChallenge, randomToken, signInUrl } from './oidc';

const provider = { issuer: 'https://idp.example/realms/reintegra', clientId: 'supervisor-web' };
const redirect = 'https://dashboard.example/';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

/** A provider with a discovery document and a token endpoint that records what it was sent. */
function fakeProvider() {
  const tokenRequests: URLSearchParams[] = [];
  const fetcher = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    if (url.endsWith('/.well-known/openid-configuration'))
      return Response.json({
        authorization_endpoint: `${provider.issuer}/auth`,
        token_endpoint: `${provider.issuer}/token`,
      });
    tokenRequests.push(new URLSearchParams(String(init?.body)));
    return Response.json({ access_token: 'the-access-token' });
  }) as typeof fetch;
  return { fetcher, tokenRequests };
}

describe('OIDC sign-in (authorization code + PKCE)', () => {
  it('computes the S256 challenge as base64url(SHA-256(verifier)), as Node computes it', async () => {
    for (const verifier of ['a'.repeat(43), randomToken(), randomToken()]) {
      const expected = createHash('sha256').update(verifier).digest('base64url');
      expect(await pkceChallenge(verifier)).toBe(expected);
    }
    expect(randomToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('sends the browser to the discovered endpoint and exchanges the code with the verifier', async () => {
    const storage = memoryStorage();
    const { fetcher, tokenRequests } = fakeProvider();
    const url = new URL(await signInUrl(provider, redirect, storage, fetcher));
    expect(url.origin + url.pathname).toBe(`${provider.issuer}/auth`);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('client_id')).toBe('supervisor-web');
    const state = url.searchParams.get('state');

    const token = await finishSignIn(
      provider,
      `${redirect}?code=c-1&state=${state}`,
      storage,
      fetcher,
    );
    expect(token).toBe('the-access-token');
    const sent = tokenRequests[0];
    expect(sent?.get('code')).toBe('c-1');
    expect(await pkceChallenge(sent?.get('code_verifier') ?? '')).toBe(
      url.searchParams.get('code_challenge'),
    );
    // The pending sign-in is used once.
    await expect(
      finishSignIn(provider, `${redirect}?code=c-1&state=${state}`, storage, fetcher),
    ).rejects.toThrow('does not match');
  });

  it('refuses an answer whose state is not the pending one, and ignores a plain address', async () => {
    const storage = memoryStorage();
    const { fetcher, tokenRequests } = fakeProvider();
    await signInUrl(provider, redirect, storage, fetcher);
    await expect(
      finishSignIn(provider, `${redirect}?code=c-2&state=forged`, storage, fetcher),
    ).rejects.toThrow('does not match');
    expect(tokenRequests).toHaveLength(0);
    expect(await finishSignIn(provider, `${redirect}#/cases`, storage, fetcher)).toBeNull();
  });
});
