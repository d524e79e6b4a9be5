import { claimsOf, screenOfSection, screensFor } from './roles';

const jwt = (payload: object) =>
  `e30.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.signature`;

describe('screens by role', () => {
  it('gives each office role its screens only', () => {
    expect(screensFor(['intake-officer'])).toEqual([
      'reception',
      'cases',
      'transfers',
      'directory',
    ]);
    expect(screensFor(['admin'])).toEqual(['directory']);
    expect(screensFor(['employment-caseworker'])).toEqual(['employment-inbox']);
    expect(screensFor(['education-caseworker'])).toEqual(['education-inbox', 'education-cohorts']);
    expect(screensFor(['community-facilitator'])).toEqual(['community']);
    expect(screensFor(['provider-staff'])).toEqual(['provider-inbox']);
    expect(screensFor(['supervisor'])).toEqual([]);
    expect(screensFor(['victim-support-counsellor', 'partner'])).toEqual([]);
    expect(screensFor(['intake-officer', 'employment-caseworker'])).toEqual([
      'reception',
      'cases',
      'transfers',
      'directory',
      'employment-inbox',
    ]);
  });

  it('knows the screen of a URL section', () => {
    expect(screenOfSection('reception')).toBe('reception');
    expect(screenOfSection('employment-inbox')).toBe('employment-inbox');
    expect(screenOfSection('overview')).toBeUndefined();
    expect(screenOfSection(undefined)).toBeUndefined();
  });
});

describe('claims of the token', () => {
  it('reads roles, municipality, organisation and expiry (accents included)', () => {
    expect(
      claimsOf(
        jwt({
          sub: 'demo-educación',
          roles: ['education-caseworker', 7],
          municipality: 'SV-PA-LA-PAZ-ESTE',
          organisation: 'centro-escolar-zacatecoluca',
          exp: 1_800_000_000,
        }),
      ),
    ).toEqual({
      subject: 'demo-educación',
      roles: ['education-caseworker'],
      municipalityCode: 'SV-PA-LA-PAZ-ESTE',
      organisationId: 'centro-escolar-zacatecoluca',
      expiresAt: 1_800_000_000_000,
    });
  });

  it('gives nothing for a token that is not a JWT', () => {
    expect(claimsOf('not-a-token')).toBeUndefined();
    expect(claimsOf('a.%%%.c')).toBeUndefined();
    expect(claimsOf(jwt({}))).toEqual({
      subject: '',
      roles: [],
      municipalityCode: null,
      organisationId: null,
      expiresAt: null,
    });
  });
});
