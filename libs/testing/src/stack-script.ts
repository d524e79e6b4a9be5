import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { findWorkspaceRoot } from './workspace-root';

const run = promisify(execFile);

/**
 * `bash infra/stack.sh <args>` as municipal IT runs it, with `env` over this process's
 * environment (a stack's own ports, state dir, profile settings); answers its output. A failure
 * carries the script's output, which says what went wrong. Generous by default: on 2 busy cores a
 * first start (initdb, JVMs creating topics, a jar fetched) takes minutes.
 */
export async function stackScript(
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  timeoutMs = 600_000,
): Promise<string> {
  try {
    const { stdout, stderr } = await run('bash', ['infra/stack.sh', ...args], {
      cwd: findWorkspaceRoot(),
      env: { ...process.env, ...env },
      timeout: timeoutMs,
      maxBuffer: 16 * 1024 * 1024,
    });
    return `${stdout}${stderr}`;
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `stack.sh ${args.join(' ')} failed: ${failure.message}\n${failure.stdout ?? ''}${failure.stderr ?? ''}`,
    );
  }
}
