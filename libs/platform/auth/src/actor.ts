import { z } from 'zod';

/** Roles of the platform (claim `roles`). */
export const ROLES = [
  'intake-officer',
  'employment-caseworker',
  'education-caseworker',
  'victim-support-counsellor',
  'victim-support-supervisor',
  'supervisor',
  'national-supervisor',
  'partner',
  /** Staff of an outside organisation registered in the service directory (its provider inbox). */
  'provider-staff',
  'admin',
  'community-facilitator',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles whose scope is the whole country rather than one municipality. */
const NATIONAL_ROLES: readonly Role[] = ['national-supervisor', 'admin'];

/** Claims a token must carry; the identity provider maps its users to these. */
export const tokenClaimsSchema = z.object({
  sub: z.string().min(1).max(200),
  roles: z.array(z.enum(ROLES)).min(1),
  municipality: z
    .string()
    .regex(/^SV-[A-Z]{2}-[A-Z0-9-]+$/)
    .optional(),
  organisation: z.string().min(1).max(100).optional(),
});

/** Who is calling: pseudonymous subject, roles, and the municipality/organisation they act for. */
export interface Actor {
  readonly subject: string;
  readonly roles: readonly Role[];
  readonly municipalityCode?: string;
  readonly organisationId?: string;
}

export function actorFromClaims(claims: z.infer<typeof tokenClaimsSchema>): Actor {
  return {
    subject: claims.sub,
    roles: claims.roles,
    ...(claims.municipality ? { municipalityCode: claims.municipality } : {}),
    ...(claims.organisation ? { organisationId: claims.organisation } : {}),
  };
}

export function hasAnyRole(actor: Actor, roles: readonly Role[]): boolean {
  return actor.roles.some((role) => roles.includes(role));
}

/** Municipal staff act within their municipality; national roles everywhere. */
export function canActInMunicipality(actor: Actor, municipalityCode: string): boolean {
  return hasAnyRole(actor, NATIONAL_ROLES) || actor.municipalityCode === municipalityCode;
}

/** How an actor appears in events and audit: `user:<subject>`, never a name. */
export function actorReference(actor: Actor): string {
  return `user:${actor.subject}`;
}

/** The envelope context of what a person does through a request: `user:<subject>` and the request's correlation id. */
export function eventContextOf(actor: Actor, correlationId: string) {
  return { actor: actorReference(actor), correlationId };
}
