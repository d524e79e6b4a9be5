/**
 * Sign-in with an OpenID Connect provider from a web app: authorization code + PKCE (S256), no
 * client secret (public client). Endpoints come from the provider's discovery document, so
 * Keycloak, Entra ID or any other provider works from its issuer alone.
 */
export interface OidcProvider {
  issuer: string;
  clientId: string;
}

interface PendingSignIn {
  verifier: string;
  state: string;
  redirectUri: string;
}

/** The tab's pending sign-in: verifier and state survive the round trip to the provider. */
const PENDING_KEY = 'reintegra.oidc.pending';

interface Endpoints {
  authorization_endpoint: string;
  token_endpoint: string;
}

function base64url(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function randomToken(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

/** RFC 7636 S256: base64url(SHA-256(verifier)). */
export async function pkceChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

async function discover(provider: OidcProvider, fetcher: typeof fetch): Promise<Endpoints> {
  const issuer = provider.issuer.replace(/\/$/, '');
  const response = await fetcher(`${issuer}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`OIDC discovery answered ${response.status}`);
  return (await response.json()) as Endpoints;
}

/** Where to send the browser; the pending sign-in is kept in `storage` (sessionStorage). */
export async function signInUrl(
  provider: OidcProvider,
  redirectUri: string,
  storage: Pick<Storage, 'setItem'>,
  fetcher: typeof fetch = fetch,
): Promise<string> {
  const { authorization_endpoint } = await discover(provider, fetcher);
  const pending: PendingSignIn = { verifier: randomToken(), state: randomToken(), redirectUri };
  storage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: provider.clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid',
    state: pending.state,
    code_challenge: await pkceChallenge(pending.verifier),
    code_challenge_method: 'S256',
  }).toString();
  return url.toString();
}

/**
 * Back from the provider: the access token for the code in `location`, or null when the address
 * carries no sign-in answer. A state that is not this tab's pending one is refused (CSRF).
 */
export async function finishSignIn(
  provider: OidcProvider,
  location: string,
  storage: Pick<Storage, 'getItem' | 'removeItem'>,
  fetcher: typeof fetch = fetch,
): Promise<string | null> {
  const params = new URL(location).searchParams;
  const code = params.get('code');
  const error = params.get('error');
  if (!code && !error) return null;
  const raw = storage.getItem(PENDING_KEY);
  storage.removeItem(PENDING_KEY);
  const pending = raw ? (JSON.parse(raw) as PendingSignIn) : undefined;
  if (!pending || params.get('state') !== pending.state)
    throw new Error('sign-in answer does not match this tab');
  if (error || !code) throw new Error(`the identity provider refused the sign-in: ${error}`);
  const { token_endpoint } = await discover(provider, fetcher);
  const response = await fetcher(token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: provider.clientId,
      code,
      redirect_uri: pending.redirectUri,
      code_verifier: pending.verifier,
    }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (!response.ok || !body.access_token)
    throw new Error(`the token endpoint answered ${response.status}`);
  return body.access_token;
}

/** In the browser: off to the provider's login, which comes back to this app's root. */
export async function beginSignIn(provider: OidcProvider): Promise<void> {
  location.assign(await signInUrl(provider, `${location.origin}/`, sessionStorage));
}

/** In the browser, on load: the token when back from the provider; the code leaves the address. */
export function completeSignIn(provider: OidcProvider): Promise<string | null> {
  const answer = finishSignIn(provider, location.href, sessionStorage);
  history.replaceState(null, '', location.pathname + location.hash);
  return answer;
}
