import { exportJWK, generateKeyPair, importJWK, SignJWT, type JSONWebKeySet, type JWK } from 'jose';
import type { Role } from './actor';

export interface TokenSubject {
  subject: string;
  roles: Role[];
  municipalityCode?: string;
  organisationId?: string;
}

/**
 * Signs access tokens with a local ES256 key, for development and tests only: the dev identity
 * app and the test suites use it; production verifies tokens of the municipality's identity
 * provider and never holds a signing key.
 */
export class DevTokenIssuer {
  private constructor(
    readonly issuer: string,
    readonly audience: string,
    private readonly privateJwk: JWK,
    private readonly publicJwk: JWK,
  ) {}

  /** A new issuer with a fresh key, or one restored from a previously exported private key. */
  static async create(issuer: string, audience: string, privateJwk?: JWK): Promise<DevTokenIssuer> {
    if (privateJwk) {
      const { d: _secret, ...publicJwk } = privateJwk;
      return new DevTokenIssuer(issuer, audience, privateJwk, publicJwk);
    }
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const kid = `dev-${Date.now().toString(36)}`;
    const base = { alg: 'ES256', use: 'sig', kid };
    return new DevTokenIssuer(
      issuer,
      audience,
      { ...(await exportJWK(privateKey)), ...base },
      { ...(await exportJWK(publicKey)), ...base },
    );
  }

  exportPrivateKey(): JWK {
    return this.privateJwk;
  }

  jwks(): JSONWebKeySet {
    return { keys: [this.publicJwk] };
  }

  async issue(subject: TokenSubject, ttlSeconds = 8 * 3600): Promise<string> {
    const key = await importJWK(this.privateJwk, 'ES256');
    return new SignJWT({
      roles: subject.roles,
      ...(subject.municipalityCode ? { municipality: subject.municipalityCode } : {}),
      ...(subject.organisationId ? { organisation: subject.organisationId } : {}),
    })
      .setProtectedHeader({ alg: 'ES256', kid: this.publicJwk.kid ?? 'dev' })
      .setSubject(subject.subject)
      .setIssuer(this.issuer)
      .setAudience(this.audience)
      .setIssuedAt()
      .setExpirationTime(`${ttlSeconds}s`)
      .sign(key);
  }
}

/** Fictional demo users of the dev identity app (one per role; La Paz Este is the demo municipality). */
export const DEMO_USERS: Record<string, TokenSubject> = {
  'oficial-la-paz-este': {
    subject: 'demo-intake-officer',
    roles: ['intake-officer'],
    municipalityCode: 'SV-PA-LA-PAZ-ESTE',
  },
  'supervisora-la-paz-este': {
    subject: 'demo-supervisor',
    roles: ['supervisor'],
    municipalityCode: 'SV-PA-LA-PAZ-ESTE',
  },
  // Another municipality's office: receives the demo's case transfers from La Paz Este.
  'oficial-san-salvador-centro': {
    subject: 'demo-intake-officer-san-salvador-centro',
    roles: ['intake-officer'],
    municipalityCode: 'SV-SS-SAN-SALVADOR-CENTRO',
  },
  'supervisora-nacional': { subject: 'demo-national-supervisor', roles: ['national-supervisor'] },
  'empleo-la-paz-este': {
    subject: 'demo-employment',
    roles: ['employment-caseworker'],
    municipalityCode: 'SV-PA-LA-PAZ-ESTE',
    organisationId: 'oficina-empleo-la-paz-este',
  },
  'educacion-la-paz-este': {
    subject: 'demo-education',
    roles: ['education-caseworker'],
    municipalityCode: 'SV-PA-LA-PAZ-ESTE',
    organisationId: 'centro-escolar-zacatecoluca',
  },
  'consejera-la-paz-este': {
    subject: 'demo-counsellor',
    roles: ['victim-support-counsellor'],
    municipalityCode: 'SV-PA-LA-PAZ-ESTE',
    organisationId: 'atencion-victimas-la-paz',
  },
  'supervisora-victimas': {
    subject: 'demo-vs-supervisor',
    roles: ['victim-support-supervisor'],
    municipalityCode: 'SV-PA-LA-PAZ-ESTE',
    organisationId: 'atencion-victimas-la-paz',
  },
  'facilitadora-la-paz-este': {
    subject: 'demo-community-facilitator',
    roles: ['community-facilitator'],
    municipalityCode: 'SV-PA-LA-PAZ-ESTE',
    organisationId: 'cultura-juventud-la-paz-este',
  },
  'socio-oim': { subject: 'demo-partner', roles: ['partner'], organisationId: 'oim' },
  'albergue-nonualco': {
    subject: 'demo-provider-staff',
    roles: ['provider-staff'],
    municipalityCode: 'SV-PA-LA-PAZ-ESTE',
    organisationId: 'casa-acogida-nonualco',
  },
  admin: { subject: 'demo-admin', roles: ['admin'] },
  // The notifications service's account: reads a person's contact at intake, in any municipality.
  'servicio-avisos': {
    subject: 'demo-notifications',
    roles: ['intake-officer', 'national-supervisor'],
  },
};
