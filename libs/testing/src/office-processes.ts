import { randomUUID } from 'node:crypto';
import { TOPICS } from '@reintegra/event-contracts';
import { startGroupAtEnd } from './consumer-groups';
import { scratchFile } from './scratch';
import { runToCompletion, ServiceProcess } from './service-process';
import { currentTestStack, testDatabaseUrl } from './stack';

/** The block the office app's browser suites share (office-jest-global-setup.ts). */
export const OFFICE_SUITES_PORT_BASE = 3400;

/** Where each process of a block listens: portBase + offset (7 is left free). */
export const OFFICE_PORT_OFFSETS = {
  identity: 0,
  intake: 1,
  orchestrator: 2,
  employment: 3,
  education: 4,
  directory: 5,
  community: 6,
  office: 8,
} as const;

/** The address of every process of the block at portBase, started or not. */
export function officeUrls(portBase: number): Record<keyof typeof OFFICE_PORT_OFFSETS, string> {
  return Object.fromEntries(
    Object.entries(OFFICE_PORT_OFFSETS).map(([name, offset]) => [
      name,
      `http://127.0.0.1:${portBase + offset}`,
    ]),
  ) as Record<keyof typeof OFFICE_PORT_OFFSETS, string>;
}

/** A bearer token of a demo user from the dev identity at identityUrl. */
export async function devIdentityToken(identityUrl: string, user: string): Promise<string> {
  const response = await fetch(`${identityUrl}/dev/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ user }),
  });
  return `Bearer ${((await response.json()) as { access_token: string }).access_token}`;
}

/** Services a test of the office app may need beyond the core five (each costs a process). */
export interface OfficeExtras {
  /** The service directory (port portBase + 5): the orchestrator routes through it. */
  directory?: boolean;
  /** Community inclusion (port portBase + 6). */
  community?: boolean;
}

/**
 * What the office app runs on, as real processes from the build: the dev identity (demo login),
 * intake, the orchestrator, employment, education, the office server (static bundle +
 * same-origin proxy) and, when asked for, the service directory and community inclusion. Used by
 * the office app's browser tests and its benchmark. Each user takes its own block of ports
 * (portBase … portBase + 8), consumer groups and Temporal task queue.
 */
export class OfficeProcesses {
  readonly identityUrl: string;
  readonly identity: ServiceProcess;
  readonly intake: ServiceProcess;
  readonly orchestrator: ServiceProcess;
  readonly employment: ServiceProcess;
  readonly education: ServiceProcess;
  readonly office: ServiceProcess;
  readonly directory: ServiceProcess | undefined;
  readonly community: ServiceProcess | undefined;
  private readonly migrations: [string, Record<string, string>][];
  private readonly groups: string[] = [];

  constructor(name: string, portBase: number, extras: OfficeExtras = {}) {
    const stack = currentTestStack();
    const port = (member: keyof typeof OFFICE_PORT_OFFSETS) =>
      portBase + OFFICE_PORT_OFFSETS[member];
    this.identityUrl = officeUrls(portBase).identity;
    const authEnv = {
      AUTH_ISSUER: 'reintegra-dev-identity',
      AUTH_AUDIENCE: 'reintegra',
      AUTH_JWKS_URL: `${this.identityUrl}/.well-known/jwks.json`,
      AUTH_JWKS: '',
    };
    const commonEnv = {
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      KAFKA_BROKERS: stack.kafkaBrokers.join(','),
      TEMPORAL_ADDRESS: stack.temporalAddress,
      TEMPORAL_NAMESPACE: stack.temporalNamespace,
      TEMPORAL_TASK_QUEUE: `reintegration-paths-office-${name}`,
      OUTBOX_POLL_INTERVAL_MS: '100',
      ...authEnv,
    };
    const run = randomUUID().slice(0, 8);
    const envOf = (service: string, database: string) => {
      const group = `${service}-office-${name}-${run}`;
      this.groups.push(group);
      return {
        ...commonEnv,
        DATABASE_URL: testDatabaseUrl(database, 'app'),
        DATABASE_MIGRATION_URL: testDatabaseUrl(database, 'migrator'),
        KAFKA_CONSUMER_GROUP: group,
      };
    };
    this.migrations = [
      ['intake', envOf('intake', 'intake')],
      ['orchestrator', envOf('orchestrator', 'orchestrator')],
      ['employment-matching', envOf('employment', 'employment_matching')],
      ['education-enrolment', envOf('education', 'education_enrolment')],
      ...(extras.directory
        ? [
            ['service-directory', envOf('directory', 'service_directory')] as [
              string,
              Record<string, string>,
            ],
          ]
        : []),
      ...(extras.community
        ? [
            ['community-inclusion', envOf('community', 'community_inclusion')] as [
              string,
              Record<string, string>,
            ],
          ]
        : []),
    ];
    const env = (service: string) => this.migrations.find(([name]) => name === service)?.[1] ?? {};
    this.identity = new ServiceProcess('dev-identity', port('identity'), {
      NODE_ENV: 'test',
      AUTH_ISSUER: authEnv.AUTH_ISSUER,
      DEV_IDENTITY_KEY_FILE: scratchFile('office-e2e', 'key.json'),
    });
    this.intake = new ServiceProcess('intake', port('intake'), env('intake'));
    this.directory = extras.directory
      ? new ServiceProcess('service-directory', port('directory'), env('service-directory'))
      : undefined;
    this.community = extras.community
      ? new ServiceProcess('community-inclusion', port('community'), env('community-inclusion'))
      : undefined;
    this.orchestrator = new ServiceProcess('orchestrator', port('orchestrator'), {
      ...env('orchestrator'),
      // Without the directory the orchestrator's re-routing finds no next provider (unrouted).
      DIRECTORY_URL: officeUrls(portBase).directory,
      DEV_IDENTITY_URL: this.identityUrl,
    });
    this.employment = new ServiceProcess(
      'employment-matching',
      port('employment'),
      env('employment-matching'),
    );
    this.education = new ServiceProcess(
      'education-enrolment',
      port('education'),
      env('education-enrolment'),
    );
    this.office = new ServiceProcess('office-web-server', port('office'), {
      NODE_ENV: 'test',
      INTAKE_URL: this.intake.url,
      EMPLOYMENT_URL: this.employment.url,
      EDUCATION_URL: this.education.url,
      ...(this.directory ? { DIRECTORY_URL: this.directory.url } : {}),
      ...(this.community ? { COMMUNITY_URL: this.community.url } : {}),
      DEV_IDENTITY_URL: this.identityUrl,
      DEV_LOGIN: 'true',
    });
  }

  /** Migrates, then starts every process with its consumer group at the end of the topics. */
  async start(): Promise<void> {
    const brokers = currentTestStack().kafkaBrokers;
    await Promise.all([
      ...this.migrations.map(([service, env]) => runToCompletion(service, 'migrate', env)),
      ...this.groups.map((group) => startGroupAtEnd(brokers, group, Object.values(TOPICS))),
    ]);
    await this.identity.start();
    await Promise.all([
      this.directory?.start(),
      this.community?.start(),
      this.intake.start(),
      this.orchestrator.start(),
      this.employment.start(),
      this.education.start(),
      this.office.start(),
    ]);
  }

  async stop(): Promise<void> {
    await Promise.allSettled([
      this.office.stop(),
      this.community?.stop(),
      this.directory?.stop(),
      this.education.stop(),
      this.employment.stop(),
      this.orchestrator.stop(),
      this.intake.stop(),
    ]);
    await this.identity.stop();
  }

  /** A bearer token of a demo user from the dev identity. */
  tokenOf(user: string): Promise<string> {
    return devIdentityToken(this.identityUrl, user);
  }
}
