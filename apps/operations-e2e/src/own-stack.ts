import { Client as TemporalClient, Connection } from '@temporalio/client';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertOutsideEphemeralRange, findWorkspaceRoot, stackScript } from '@reintegra/testing';

export const root = findWorkspaceRoot();

/** The engines' ports of a stack of its own (never the shared test stack's). */
export interface StackPorts {
  PG_PORT: string;
  KAFKA_PORT: string;
  KAFKA_CONTROLLER_PORT: string;
  TEMPORAL_PORT: string;
  TEMPORAL_UI_PORT: string;
  SMTP_PORT: string;
  PROMETHEUS_PORT: string;
}

/**
 * A local stack of the suite's own — own state dir under a temporary folder, own ports — driven
 * through `infra/stack.sh` as municipal IT would, for the suites that wipe, restore or upgrade
 * whole engines (the restore drill, the upgrade from the previous release).
 */
export class OwnStack {
  readonly work: string;
  readonly stackDir: string;

  constructor(
    label: string,
    readonly ports: StackPorts,
    /** Further `stack.sh` settings for this stack (e.g. PG_SYNCHRONOUS_COMMIT). */
    private readonly settings: Record<string, string> = {},
  ) {
    assertOutsideEphemeralRange(label, { ...ports });
    this.work = mkdtempSync(join(tmpdir(), `${label}-`));
    // PostgreSQL runs as its own OS user when the runner is root: it must reach the state dir, or
    // the stack would keep the cluster elsewhere (and wiping the state dir would not wipe it).
    chmodSync(this.work, 0o755);
    this.stackDir = join(this.work, 'stack');
  }

  /** `bash infra/stack.sh …` on this stack; its output is shown when it fails. */
  run(...args: string[]): Promise<string> {
    return stackScript(args, {
      ...this.ports,
      ...this.settings,
      REINTEGRA_STACK_DIR: this.stackDir,
    });
  }

  /** A service's settings on this stack: its database (app and migrator roles) and the engines. */
  env(database: string, extra: Record<string, string> = {}): Record<string, string> {
    const url = (role: string) =>
      `postgres://${database}_${role}:${database}_${role}_pw@127.0.0.1:${this.ports.PG_PORT}/${database}`;
    return {
      NODE_ENV: 'test',
      KAFKA_BROKERS: `127.0.0.1:${this.ports.KAFKA_PORT}`,
      TEMPORAL_ADDRESS: `127.0.0.1:${this.ports.TEMPORAL_PORT}`,
      TEMPORAL_NAMESPACE: 'reintegra',
      OUTBOX_POLL_INTERVAL_MS: '100',
      DATABASE_URL: url('app'),
      DATABASE_MIGRATION_URL: url('migrator'),
      ...extra,
    };
  }

  /** Runs `use` with a Temporal client of this stack, closing its connection afterwards. */
  async temporal<T>(use: (client: TemporalClient) => Promise<T>): Promise<T> {
    const connection = await Connection.connect({
      address: `127.0.0.1:${this.ports.TEMPORAL_PORT}`,
    });
    try {
      return await use(new TemporalClient({ connection, namespace: 'reintegra' }));
    } finally {
      await connection.close();
    }
  }

  /** Stops the engines and removes the state dir. */
  async dispose(): Promise<void> {
    await this.run('stop').catch(() => undefined);
    rmSync(this.work, { recursive: true, force: true });
  }
}
