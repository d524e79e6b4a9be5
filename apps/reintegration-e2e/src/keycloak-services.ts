import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { TOPICS } from '@reintegra/event-contracts';
import {
  currentTestStack,
  eventually,
  findWorkspaceRoot,
  freePort,
  runToCompletion,
  ServiceProcess,
  startGroupAtEnd,
  testDatabaseUrl,
} from '@reintegra/testing';
import { KeycloakRealm } from './keycloak-login';

const stackScript = join(findWorkspaceRoot(), 'infra/stack.sh');
const run = promisify(execFile);

/** Whether the Keycloak distribution is in the cache (`bash infra/stack.sh keycloak install`). */
export function keycloakCached(): boolean {
  return spawnSync('bash', [stackScript, 'keycloak', 'installed']).status === 0;
}

/**
 * Keycloak for a spec: the one at KEYCLOAK_URL when set (the stack's profile, or the one `npm
 * test` boots in the background while lint and typecheck run), otherwise its own on free ports,
 * started and stopped through infra/stack.sh like the profile.
 */
export class KeycloakForTest {
  private own: { env: NodeJS.ProcessEnv; stateDir: string } | undefined;

  async start(): Promise<KeycloakRealm> {
    const shared = process.env['KEYCLOAK_URL'];
    if (shared) {
      const realm = new KeycloakRealm(shared);
      await eventually(
        async () => {
          const response = await fetch(`${realm.issuer}/.well-known/openid-configuration`);
          if (!response.ok) throw new Error(`Keycloak at ${shared} answers ${response.status}`);
        },
        { timeoutMs: 300_000, intervalMs: 1000 },
      );
      return realm;
    }
    const [port, managementPort] = [await freePort(), await freePort()];
    const stateDir = mkdtempSync(join(tmpdir(), 'reintegra-keycloak-'));
    const env = {
      ...process.env,
      REINTEGRA_STACK_DIR: stateDir,
      KEYCLOAK_PORT: String(port),
      KEYCLOAK_MANAGEMENT_PORT: String(managementPort),
    };
    this.own = { env, stateDir };
    await run('bash', [stackScript, 'keycloak', 'start'], { env, timeout: 300_000 });
    return new KeycloakRealm(`http://127.0.0.1:${port}`);
  }

  async stop(): Promise<void> {
    if (!this.own) return;
    await run('bash', [stackScript, 'keycloak', 'stop'], { env: this.own.env });
    rmSync(this.own.stateDir, { recursive: true, force: true });
  }
}

/** Redirect URIs of the realm's web clients (`supervisor-web`, `office-web`) for this spec. */
export const DASHBOARD_PORT = 3396;
export const OFFICE_PORT = 3398;

/**
 * Intake, the partner gateway, the supervisor API (serving the built dashboard) and the office
 * app's server as real processes; the services trust only the realm's tokens, the two web apps
 * sign people in with it.
 */
export class ServicesTrustingKeycloak {
  intake!: ServiceProcess;
  gateway!: ServiceProcess;
  dashboard!: ServiceProcess;
  office!: ServiceProcess;

  async start(realm: KeycloakRealm): Promise<void> {
    const stack = currentTestStack();
    const run = `keycloak-${Date.now().toString(36)}`;
    // AUTH_JWKS (the test identity's keys, set by the jest global setup) emptied: JWKS URL only.
    const auth = {
      AUTH_ISSUER: realm.issuer,
      AUTH_AUDIENCE: 'reintegra',
      AUTH_JWKS_URL: realm.jwksUrl,
      AUTH_JWKS: '',
    };
    const common = { NODE_ENV: 'test', KAFKA_BROKERS: stack.kafkaBrokers.join(','), ...auth };
    const intakeEnv = {
      ...common,
      TEMPORAL_ADDRESS: stack.temporalAddress,
      TEMPORAL_NAMESPACE: stack.temporalNamespace,
      TEMPORAL_TASK_QUEUE: `reintegration-paths-${run}`,
      DATABASE_URL: testDatabaseUrl('intake', 'app'),
      DATABASE_MIGRATION_URL: testDatabaseUrl('intake', 'migrator'),
      KAFKA_CONSUMER_GROUP: `intake-${run}`,
    };
    const gatewayEnv = {
      ...common,
      DATABASE_URL: testDatabaseUrl('partner_gateway', 'app'),
      DATABASE_MIGRATION_URL: testDatabaseUrl('partner_gateway', 'migrator'),
      KAFKA_CONSUMER_GROUP: `partner-gateway-${run}`,
      PARTNER_GATEWAY_KEY: Buffer.alloc(32, 7).toString('base64'),
    };
    const dashboardEnv = {
      ...common,
      TEMPORAL_ADDRESS: stack.temporalAddress,
      TEMPORAL_NAMESPACE: stack.temporalNamespace,
      DATABASE_URL: testDatabaseUrl('supervisor', 'app'),
      DATABASE_MIGRATION_URL: testDatabaseUrl('supervisor', 'migrator'),
      KAFKA_CONSUMER_GROUP: `supervisor-api-${run}`,
      SUPERVISOR_WEB_DIR: join(findWorkspaceRoot(), 'dist/apps/supervisor-web'),
      OIDC_ISSUER: realm.issuer,
      OIDC_CLIENT_ID: 'supervisor-web',
    };
    const consumed = [
      TOPICS.intakeReturnees,
      TOPICS.intakeConsents,
      TOPICS.intakeReferrals,
      TOPICS.referralStatus,
      TOPICS.pathEvents,
    ];
    // Only this spec's events: both groups start at the end of the shared test topics.
    await Promise.all([
      runToCompletion('intake', 'migrate', intakeEnv),
      runToCompletion('partner-gateway', 'migrate', gatewayEnv),
      startGroupAtEnd(stack.kafkaBrokers, intakeEnv.KAFKA_CONSUMER_GROUP, consumed),
      startGroupAtEnd(stack.kafkaBrokers, gatewayEnv.KAFKA_CONSUMER_GROUP, consumed),
      runToCompletion('supervisor-api', 'migrate', dashboardEnv),
      startGroupAtEnd(stack.kafkaBrokers, dashboardEnv.KAFKA_CONSUMER_GROUP, Object.values(TOPICS)),
    ]);
    this.intake = new ServiceProcess('intake', await freePort(), intakeEnv);
    this.gateway = new ServiceProcess('partner-gateway', await freePort(), gatewayEnv);
    this.dashboard = new ServiceProcess('supervisor-api', DASHBOARD_PORT, dashboardEnv);
    this.office = new ServiceProcess('office-web-server', OFFICE_PORT, {
      INTAKE_URL: this.intake.url,
      DEV_LOGIN: 'false',
      OIDC_ISSUER: realm.issuer,
      OIDC_CLIENT_ID: 'office-web',
    });
    await Promise.all(
      [this.intake, this.gateway, this.dashboard, this.office].map((process) => process.start()),
    );
  }

  async stop(): Promise<void> {
    await Promise.allSettled(
      [this.intake, this.gateway, this.dashboard, this.office].map((process) => process?.stop()),
    );
  }
}
