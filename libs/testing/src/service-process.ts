import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eventually } from './eventually';
import { findWorkspaceRoot } from './workspace-root';

const root = findWorkspaceRoot();
export const logDir = join(root, 'artifacts/e2e-logs');

/** Runs a built process (`dist/apps/<app>/<entry>.js`) to completion; rejects with its output. */
export function runToCompletion(
  app: string,
  entry: string,
  env: Record<string, string>,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(root, 'dist/apps', app, `${entry}.js`)], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${app} ${entry} exited ${code}:\n${output}`)),
    );
  });
}

/** A built service running as its own process, with its logs kept as a test artefact. */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private starts = 0;
  readonly logFile: string;

  constructor(
    readonly app: string,
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {
    // By port too: suites running side by side (npm test runs operations-e2e beside the rest)
    // each keep their own log of the same app.
    this.logFile = join(logDir, `${app}-${port}.log`);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The running process's id (benchmarks read its CPU time from /proc). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(): Promise<void> {
    mkdirSync(logDir, { recursive: true });
    // A restart (after a kill) appends: the log keeps what happened before it.
    const log = createWriteStream(this.logFile, { flags: this.starts++ > 0 ? 'a' : 'w' });
    this.child = spawn(process.execPath, [join(root, 'dist/apps', this.app, 'main.js')], {
      env: { ...process.env, ...this.env, HTTP_PORT: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout?.pipe(log);
    this.child.stderr?.pipe(log);
    // A runner that exits early (a failed benchmark, Ctrl-C) must not leave a service behind,
    // consuming the shared test topics and writing to the test databases.
    const child = this.child;
    const orphanGuard = () => child.kill('SIGKILL');
    process.once('exit', orphanGuard);
    child.once('exit', () => process.removeListener('exit', orphanGuard));
    let exited: number | null = null;
    this.child.on('exit', (code) => (exited = code));
    await eventually(
      async () => {
        if (exited !== null)
          throw new Error(`${this.app} exited with ${exited}: see ${this.logFile}`);
        const response = await fetch(`${this.url}/health`);
        if (response.status !== 200) throw new Error(`${this.app} health ${response.status}`);
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n--- ${this.app} log ---\n${this.logs().slice(-3000)}`);
    });
  }

  logs(): string {
    return readFileSync(this.logFile, 'utf8');
  }

  async stop(): Promise<void> {
    const child = this.child;
    // Already gone (exited, or ended by a signal: then exitCode stays null and no 'exit' comes).
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }

  /** `kill -9`: no shutdown hooks, no goodbye to Kafka or the database (a crash, an OOM kill). */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }
}
