import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { findWorkspaceRoot } from '@reintegra/testing';

/**
 * The `st` binary of the cached venv `infra/stack.sh install` made: SCHEMATHESIS_PATH, or the
 * same path the install computes (cache dir + hash of the pinned requirements).
 */
export function schemathesisBinary(env: NodeJS.ProcessEnv = process.env): string {
  const requirements = readFileSync(join(findWorkspaceRoot(), 'infra/schemathesis/requirements.txt'));
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
  output: string;
  /** Requests sent, from the run's HAR report. */
  requests: number;
}

/** Seconds a single request may take before it counts as a hang. */
export const REQUEST_TIMEOUT_S = 10;

/** One Schemathesis run: 0 server errors, responses as documented, no request over the timeout. */
export function runSchemathesis(run: FuzzRun): Promise<FuzzResult> {
  const har = join(run.reportDir, 'requests.har');
  const args = [
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
    '--workers',
    '2',
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
      resolve({ exitCode: code ?? -1, output, requests: entries.length });
    });
  });
}
