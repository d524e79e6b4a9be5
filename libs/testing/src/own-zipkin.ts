import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findWorkspaceRoot } from './workspace-root';

const run = promisify(execFile);

/**
 * The local trace viewer (Zipkin, as `npm start` runs it: `infra/stack.sh zipkin`) on a port and
 * state directory of its own, for a test that checks what a supervisor sees there.
 */
export class OwnZipkin {
  readonly url: string;
  private readonly stackDir = mkdtempSync(join(tmpdir(), 'zipkin-'));
  private readonly env: NodeJS.ProcessEnv;

  constructor(port: number) {
    this.url = `http://127.0.0.1:${port}`;
    this.env = { ...process.env, REINTEGRA_STACK_DIR: this.stackDir, ZIPKIN_PORT: String(port) };
  }

  async start(): Promise<void> {
    await this.stack('zipkin');
  }

  async stop(): Promise<void> {
    await this.stack('zipkin', 'stop').catch(() => undefined);
    rmSync(this.stackDir, { recursive: true, force: true });
  }

  private async stack(...args: string[]): Promise<void> {
    try {
      // The first start on a machine fetches the jar from Maven Central (about 70 MB).
      await run('bash', ['infra/stack.sh', ...args], {
        cwd: findWorkspaceRoot(),
        env: this.env,
        timeout: 300_000,
      });
    } catch (error) {
      const failure = error as { stdout?: string; stderr?: string; message: string };
      throw new Error(`stack.sh ${args.join(' ')}: ${failure.message}\n${failure.stderr ?? ''}`);
    }
  }
}
