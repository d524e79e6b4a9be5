/**
 * The bearer token a service shows another service: its service account's token from the
 * configuration, or — in development only, when none is set — a demo user's token fetched from
 * the development identity provider (cached until a minute before it expires; `forget()` after
 * a 401 fetches a new one).
 */
export class ServiceToken {
  private cached: { value: string; until: number } | undefined;

  constructor(
    private readonly settings: {
      readonly accessToken?: string;
      readonly devIdentityUrl?: string;
      /** Demo user whose token is fetched in development. */
      readonly devUser: string;
      /** The variable to name when neither is set. */
      readonly variable: string;
    },
  ) {}

  async value(): Promise<string> {
    if (this.settings.accessToken) return this.settings.accessToken;
    if (this.cached && this.cached.until > Date.now()) return this.cached.value;
    if (!this.settings.devIdentityUrl) throw new Error(`${this.settings.variable} is not set`);
    const response = await fetch(new URL('/dev/tokens', this.settings.devIdentityUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: this.settings.devUser }),
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) throw new Error(`development identity answered ${response.status}`);
    const body = (await response.json()) as { access_token: string; expires_in: number };
    this.cached = { value: body.access_token, until: Date.now() + (body.expires_in - 60) * 1000 };
    return body.access_token;
  }

  forget(): void {
    this.cached = undefined;
  }
}
