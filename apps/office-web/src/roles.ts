/** Who is logged in, as the token says (for the screens only: every API checks it again). */
export interface Claims {
  subject: string;
  roles: string[];
  municipalityCode: string | null;
  organisationId: string | null;
  expiresAt: number | null;
}

export type Screen =
  | 'reception'
  | 'cases'
  | 'employment-inbox'
  | 'education-inbox'
  | 'education-cohorts'
  | 'directory'
  | 'community'
  | 'provider-inbox'
  | 'transfers';

/** The screens of each office role, in menu order. */
const SCREENS_BY_ROLE: Record<string, readonly Screen[]> = {
  'intake-officer': ['reception', 'cases', 'transfers', 'directory'],
  'employment-caseworker': ['employment-inbox'],
  'education-caseworker': ['education-inbox', 'education-cohorts'],
  admin: ['directory'],
  'community-facilitator': ['community'],
  'provider-staff': ['provider-inbox'],
};

export function screensFor(roles: readonly string[]): Screen[] {
  const screens = new Set<Screen>();
  for (const role of roles) for (const screen of SCREENS_BY_ROLE[role] ?? []) screens.add(screen);
  return [...screens];
}

/** The URL section of each screen. */
export const SCREEN_PATH: Record<Screen, string> = {
  reception: 'reception',
  cases: 'cases',
  'employment-inbox': 'employment-inbox',
  'education-inbox': 'education-inbox',
  'education-cohorts': 'education-groups',
  directory: 'directory',
  community: 'community',
  'provider-inbox': 'provider-inbox',
  transfers: 'transfers',
};

export function screenOfSection(section: string | undefined): Screen | undefined {
  return (Object.keys(SCREEN_PATH) as Screen[]).find((screen) => SCREEN_PATH[screen] === section);
}

function base64UrlDecode(value: string): string {
  const base64 = value.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '='));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** The claims of a JWT (not verified here: the services verify it on every call). */
export function claimsOf(token: string): Claims | undefined {
  try {
    const payload = JSON.parse(base64UrlDecode(token.split('.')[1] ?? '')) as Record<
      string,
      unknown
    >;
    return {
      subject: typeof payload['sub'] === 'string' ? payload['sub'] : '',
      roles: Array.isArray(payload['roles'])
        ? payload['roles'].filter((r): r is string => typeof r === 'string')
        : [],
      municipalityCode:
        typeof payload['municipality'] === 'string' ? payload['municipality'] : null,
      organisationId: typeof payload['organisation'] === 'string' ? payload['organisation'] : null,
      expiresAt: typeof payload['exp'] === 'number' ? payload['exp'] * 1000 : null,
    };
  } catch {
    return undefined;
  }
}
