import { Client as TemporalClient, Connection } from '@temporalio/client';
import { execFile } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { assertOutsideEphemeralRange } from './ephemeral-ports';
import { eventually } from './eventually';
import { runToCompletion, ServiceProcess } from './service-process';
import { stackScript } from './stack-script';
import { findWorkspaceRoot } from './workspace-root';

const run = promisify(execFile);
const root = findWorkspaceRoot();

/**
 * Ports of a cluster of a suite's own (never the shared stack's, the developer's cluster or the
 * operations suites' stacks), below the ephemeral range; a stack built with a port offset adds it
 * to each, so two such clusters can run side by side.
 */
const BASE_PORTS = {
  PG_PORT: '25732',
  KAFKA_PORT: '29742',
  KAFKA_CONTROLLER_PORT: '29752',
  TEMPORAL_PORT: '27933',
  TEMPORAL_UI_PORT: '28933',
  TEMPORAL_MEMBERSHIP_PORT: '27033',
  SMTP_PORT: '21825',
  PROMETHEUS_PORT: '29790',
  KEYCLOAK_PORT: '28980',
  KEYCLOAK_MANAGEMENT_PORT: '28990',
};

type Ports = Record<keyof typeof BASE_PORTS, string>;

/** `bash infra/stack.sh <args> --profile cluster` with the given environment. */
function stackSh(env: Record<string, string>, ...args: string[]): Promise<string> {
  return stackScript([...args, '--profile', 'cluster'], env);
}

/** Are the profile's binaries cached (Kafka jars, Temporal CLI, the Temporal server build)? */
export async function clusterPrerequisitesCached(): Promise<boolean> {
  return stackSh({}, 'installed').then(
    () => true,
    () => false,
  );
}

/**
 * A cluster-profile stack of the suite's own, driven through `infra/stack.sh` as municipal IT
 * would; every client of it (services, the suite's own checks) connects with the TLS/SASL
 * settings `env --profile cluster --service <name>` prints.
 */
export class ClusterStack {
  readonly work: string;
  readonly stackDir: string;
  private readonly ports: Ports;

  constructor(label: string, portOffset = 0) {
    this.ports = Object.fromEntries(
      Object.entries(BASE_PORTS).map(([name, port]) => [name, String(Number(port) + portOffset)]),
    ) as Ports;
    assertOutsideEphemeralRange(label, this.ports);
    this.work = mkdtempSync(join(tmpdir(), `${label}-`));
    // PostgreSQL runs as its own OS user when the runner is root: it must reach the state dir.
    chmodSync(this.work, 0o755);
    this.stackDir = join(this.work, 'stack');
  }

  run(...args: string[]): Promise<string> {
    return stackSh({ ...this.ports, REINTEGRA_STACK_DIR: this.stackDir }, ...args);
  }

  /** The settings of one identity (a service's, or `cluster-e2e` for the suite's own clients). */
  async identity(who: string): Promise<Record<string, string>> {
    const lines = (await this.run('env', '--service', who)).split('\n');
    const env: Record<string, string> = {};
    for (const line of lines) {
      const match = /^export ([A-Z_]+)=(.*)$/.exec(line);
      // printf %q escapes with backslashes (the commas of KAFKA_BROKERS among others).
      if (match) env[match[1]] = match[2].replace(/\\(.)/g, '$1');
    }
    return env;
  }

  /** A service replica's settings: its identity on the engines and its database. */
  async serviceEnv(service: string, database: string): Promise<Record<string, string>> {
    const url = (role: string) =>
      `postgres://${database}_${role}:${database}_${role}_pw@127.0.0.1:${this.ports.PG_PORT}/${database}`;
    return {
      ...(await this.identity(service)),
      NODE_ENV: 'test',
      TEMPORAL_NAMESPACE: 'reintegra',
      OUTBOX_POLL_INTERVAL_MS: '100',
      DATABASE_URL: url('app'),
      DATABASE_MIGRATION_URL: url('migrator'),
    };
  }

  /** A service's database migrated on the cluster, and its two replicas (ports port and port+1), not started. */
  async servicePair(service: {
    app: string;
    database: string;
    port: number;
  }): Promise<[ServiceProcess, ServiceProcess]> {
    const env = await this.serviceEnv(service.app, service.database);
    await runToCompletion(service.app, 'migrate', env);
    return [
      new ServiceProcess(service.app, service.port, env),
      new ServiceProcess(service.app, service.port + 1, env),
    ];
  }

  databaseUrl(database: string): string {
    return `postgres://${database}_migrator:${database}_migrator_pw@127.0.0.1:${this.ports.PG_PORT}/${database}`;
  }

  /** The superuser's connection over the local socket is peer-only: terminate through psql. */
  async terminateBackends(): Promise<string> {
    const pgBin = process.env['PG_BIN'] ?? '/usr/lib/postgresql/15/bin';
    const sql =
      "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()";
    const asRoot = process.getuid?.() === 0;
    const psql = [`${pgBin}/psql`, '-X', '-tA', '-h', join(this.stackDir, 'postgres/run')];
    const args = [...psql, '-p', this.ports.PG_PORT, '-d', 'postgres', '-c', sql];
    const { stdout } = asRoot
      ? await run('runuser', ['-u', 'postgres', '--', ...args], { cwd: '/' })
      : await run(args[0], args.slice(1));
    return stdout.trim();
  }

  pid(name: string): number {
    return Number(readFileSync(join(this.stackDir, 'run', `${name}.pid`), 'utf8').trim());
  }

  /**
   * A Kafka client with the suite's identity, or a service's (SASL_SSL, client certificate): what
   * the services' settings mean.
   */
  async kafka(who = 'cluster-e2e'): Promise<Kafka> {
    const env = await this.identity(who);
    const file = (name: string) => readFileSync(env[name]);
    return new Kafka({
      clientId: who,
      brokers: env['KAFKA_BROKERS'].split(','),
      logLevel: logLevel.NOTHING,
      ssl: {
        ca: [file('KAFKA_SSL_CA_FILE')],
        cert: file('KAFKA_SSL_CERT_FILE'),
        key: file('KAFKA_SSL_KEY_FILE'),
      },
      sasl: {
        mechanism: 'scram-sha-512',
        username: env['KAFKA_SASL_USERNAME'],
        password: env['KAFKA_SASL_PASSWORD'],
      },
    });
  }

  /** Runs `use` with a Temporal client over mutual TLS, closing its connection afterwards. */
  async temporal<T>(use: (client: TemporalClient) => Promise<T>): Promise<T> {
    const env = await this.identity('cluster-e2e');
    const file = (name: string) => readFileSync(env[name]);
    const connection = await Connection.connect({
      address: env['TEMPORAL_ADDRESS'],
      tls: {
        serverRootCACertificate: file('TEMPORAL_TLS_CA_FILE'),
        clientCertPair: { crt: file('TEMPORAL_TLS_CERT_FILE'), key: file('TEMPORAL_TLS_KEY_FILE') },
        serverNameOverride: env['TEMPORAL_TLS_SERVER_NAME'],
      },
    });
    try {
      return await use(new TemporalClient({ connection, namespace: 'reintegra' }));
    } finally {
      await connection.close();
    }
  }

  /** Stops the engines, keeps their logs in artifacts/<label>/engine-logs, removes the state dir. */
  async dispose(label = 'cluster-e2e'): Promise<void> {
    await this.run('stop').catch(() => undefined);
    const logs = join(this.stackDir, 'logs');
    if (existsSync(logs))
      cpSync(logs, join(root, 'artifacts', label, 'engine-logs'), { recursive: true });
    rmSync(this.work, { recursive: true, force: true });
  }
}

const LOAD_PATH = [
  ['intake', 'intake'],
  ['orchestrator', 'orchestrator'],
  ['employment-matching', 'employment_matching'],
  ['supervisor-api', 'supervisor'],
] as const;

/**
 * The services on a registration load's path (intake, the orchestrator, employment matching, the
 * supervisors' read model), each with its database and its two replicas' first port, from
 * `firstPort` on (two ports each).
 */
export function loadPathServices(firstPort: number) {
  return LOAD_PATH.map(([app, database], i) => ({ app, database, port: firstPort + 2 * i }));
}

/** Waits until a service answers its health route (up to 3 min: a busy 2-core machine). */
export const healthy = (service: ServiceProcess): Promise<void> =>
  eventually(
    async () => {
      const response = await fetch(`${service.url}/health`);
      if (response.status !== 200) throw new Error(`${service.app} health ${response.status}`);
    },
    { timeoutMs: 180_000, intervalMs: 500 },
  );

/**
 * Starts a replica as a process supervisor would (systemd's Restart=on-failure, a Deployment):
 * a replica that exits at boot (an engine still recovering answers too late) is started again,
 * up to three times; one still booting after ServiceProcess's 60 s (a busy 2-core machine) gets
 * longer to turn healthy.
 */
export async function bootReplica(service: ServiceProcess): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await service.start();
    } catch (error) {
      if (!/ exited with /.test((error as Error).message)) return healthy(service);
      if (attempt === 3) throw error;
    }
  }
}
