import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { findWorkspaceRoot } from '@reintegra/testing';

/**
 * The `st` binary of the cached venv `infra/stack.sh install` made: SCHEMATHESIS_PATH, or the
 * same path the install computes (cache dir + hash of the pinned requirements).
 */
export function schemathesisBinary(env: NodeJS.ProcessEnv = process.env): string {
  const requirements = readFileSync(
    join(findWorkspaceRoot(), 'infra/schemathesis/requirements.txt'),
  );
  const cache = env['REINTEGRA_CACHE_DIR'] ?? join(homedir(), '.cache/reintegra');
  const hash = createHash('sha256').update(requirements).digest('hex').slice(0, 12);
  const binary = env['SCHEMATHESIS_PATH'] ?? join(cache, `schemathesis-venv-${hash}`, 'bin/st');
  if (!existsSync(binary)) {
    throw new Error(`Schemathesis not found at ${binary}: run 'bash infra/stack.sh install'`);
  }
  return binary;
}

export interface FuzzRun {
  schemaFile: string;
  baseUrl: string;
  authorization: string;
  examples: number;
  seed: number;
  reportDir: string;
}

export interface FuzzResult {
  exitCode: number;
  /** The failures and errors sections of Schemathesis' output (the whole is in output.txt). */
  failures: string;
  /** Requests sent, from the run's HAR report. */
  requests: number;
}

/** Seconds a single request may take before it counts as a hang. */
export const REQUEST_TIMEOUT_S = 10;

/** One Schemathesis run: 0 server errors, responses as documented, no request over the timeout. */
export function runSchemathesis(run: FuzzRun): Promise<FuzzResult> {
  const har = join(run.reportDir, 'requests.har');
  const args = [
    '--config-file',
    join(findWorkspaceRoot(), 'apps/api-fuzz/schemathesis.toml'),
    'run',
    run.schemaFile,
    '--url',
    run.baseUrl,
    '--header',
    `Authorization: ${run.authorization}`,
    '--checks',
    'not_a_server_error,response_schema_conformance,status_code_conformance',
    '--phases',
    'examples,fuzzing',
    '--max-examples',
    String(run.examples),
    '--seed',
    String(run.seed),
    '--request-timeout',
    String(REQUEST_TIMEOUT_S),
    // One worker: Python 3.11 before 3.11.8 is not thread-safe in ast.parse (gh-106905), which
    // Hypothesis calls while it describes free-form JSON bodies (the HSDS import).
    '--workers',
    '1',
    '--no-color',
    '--generation-database',
    'none',
    '--report',
    'har',
    '--report-har-path',
    har,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(schemathesisBinary(), args, {
      cwd: run.reportDir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const entries = existsSync(har)
        ? (JSON.parse(readFileSync(har, 'utf8')) as { log: { entries: unknown[] } }).log.entries
        : [];
      writeFileSync(join(run.reportDir, 'output.txt'), output);
      resolve({ exitCode: code ?? -1, failures: failuresOf(output), requests: entries.length });
    });
  });
}

/** From the first ERRORS or FAILURES heading to the warnings or summary, without colours. */
function failuresOf(output: string): string {
  // eslint-disable-next-line no-control-regex
  const text = output.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
  const start = text.search(/=+ (ERRORS|FAILURES) =+/);
  if (start < 0) return text.slice(-3000);
  const end = text.slice(start).search(/=+ (WARNINGS|SUMMARY) =+/);
  return text.slice(start, end < 0 ? undefined : start + end);
}
