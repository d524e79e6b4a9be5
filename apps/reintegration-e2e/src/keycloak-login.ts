import { createHash, randomBytes } from 'node:crypto';

/** The realm of infra/keycloak/reintegra-realm.json on a running Keycloak. */
export class KeycloakRealm {
  constructor(readonly baseUrl: string) {}

  get issuer(): string {
    return `${this.baseUrl}/realms/reintegra`;
  }

  get jwksUrl(): string {
    return `${this.issuer}/protocol/openid-connect/certs`;
  }

  private get tokenEndpoint(): string {
    return `${this.issuer}/protocol/openid-connect/token`;
  }

  /** The first leg of authorization code + PKCE: where a web app sends the browser. */
  authorizationUrl(clientId: string, redirectUri: string, pkce?: { challenge: string }): URL {
    const url = new URL(`${this.issuer}/protocol/openid-connect/auth`);
    url.search = new URLSearchParams({
      client_id: clientId,
      redirect_uri: redirectUri,
      response_type: 'code',
      scope: 'openid',
      state: base64url(randomBytes(16)),
      ...(pkce ? { code_challenge: pkce.challenge, code_challenge_method: 'S256' } : {}),
    }).toString();
    return url;
  }

  /**
   * Signs a user in as a browser would (authorization code + PKCE, the login form posted over
   * HTTP with the session cookies) and returns the access token the web app would get.
   */
  async loginWithPkce(
    clientId: string,
    redirectUri: string,
    user: string,
    password: string,
  ): Promise<string> {
    const verifier = base64url(randomBytes(32));
    const challenge = base64url(createHash('sha256').update(verifier).digest());
    const authorization = this.authorizationUrl(clientId, redirectUri, { challenge });
    const form = await fetch(authorization, { redirect: 'manual' });
    const html = await form.text();
    const action = /<form[^>]*id="kc-form-login"[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (form.status !== 200 || !action)
      throw new Error(`no login form (HTTP ${form.status}) for client ${clientId}`);
    const cookies = form.headers
      .getSetCookie()
      .map((cookie) => cookie.split(';')[0])
      .join('; ');
    const login = await fetch(action.replaceAll('&amp;', '&'), {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: cookies },
      body: new URLSearchParams({ username: user, password, credentialId: '' }),
    });
    const location = new URL(login.headers.get('location') ?? '', redirectUri);
    const code = location.searchParams.get('code');
    if (login.status !== 302 || !code || !location.href.startsWith(redirectUri))
      throw new Error(`login of ${user} did not redirect back with a code (HTTP ${login.status})`);
    if (location.searchParams.get('state') !== authorization.searchParams.get('state'))
      throw new Error('the state came back changed');
    return this.token({
      grant_type: 'authorization_code',
      client_id: clientId,
      code,
      redirect_uri: redirectUri,
      code_verifier: verifier,
    });
  }

  /** A partner agency's machine login: client credentials of a confidential client. */
  clientCredentials(clientId: string, secret: string): Promise<string> {
    return this.token({
      grant_type: 'client_credentials',
      client_id: clientId,
      client_secret: secret,
    });
  }

  private async token(form: Record<string, string>): Promise<string> {
    const response = await fetch(this.tokenEndpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form),
    });
    const body = (await response.json()) as { access_token?: string; error?: string };
    if (!response.ok || !body.access_token)
      throw new Error(`token endpoint answered ${response.status} ${body.error ?? ''}`);
    return body.access_token;
  }
}

function base64url(bytes: Buffer): string {
  return bytes.toString('base64url');
}
