import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stackScript } from './stack-script';

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
    this.env = { REINTEGRA_STACK_DIR: this.stackDir, ZIPKIN_PORT: String(port) };
  }

  async start(): Promise<void> {
    // The first start on a machine fetches the jar from Maven Central (about 70 MB).
    await stackScript(['zipkin'], this.env, 300_000);
  }

  async stop(): Promise<void> {
    await stackScript(['zipkin', 'stop'], this.env, 300_000).catch(() => undefined);
    rmSync(this.stackDir, { recursive: true, force: true });
  }
}
