import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Set by the jest global setup: the run's own folder, under which every scratch folder goes. */
const RUN_FOLDER = 'REINTEGRA_SCRATCH_DIR';
const made = new Set<string>();

/**
 * A temporary folder for test keys (KEKs, signing keys) and files. Made with `mkdtempSync` alone
 * they piled up in `/tmp` (about 400 key files after a day of runs). Under jest they go in the
 * run's folder, removed by the global teardown (jest ends its workers without their exit
 * handlers); elsewhere (a benchmark) they are removed when the process exits.
 */
export function scratchDir(label: string): string {
  const runFolder = process.env[RUN_FOLDER];
  if (runFolder) return mkdtempSync(join(runFolder, `${label}-`));
  if (made.size === 0) {
    process.once('exit', () => {
      for (const dir of made) rmSync(dir, { recursive: true, force: true });
    });
  }
  const dir = mkdtempSync(join(tmpdir(), `${label}-`));
  made.add(dir);
  return dir;
}

/** A path named `name` in a fresh scratch folder (the file itself is not created). */
export function scratchFile(label: string, name: string): string {
  return join(scratchDir(label), name);
}

/** Jest global setup: opens the run's folder; the workers inherit it through the environment. */
export function openRunScratch(): void {
  process.env[RUN_FOLDER] = mkdtempSync(join(tmpdir(), 'reintegra-test-run-'));
}

/** Jest global teardown: removes the run's folder and everything the suites put in it. */
export function closeRunScratch(): void {
  const runFolder = process.env[RUN_FOLDER];
  if (runFolder) rmSync(runFolder, { recursive: true, force: true });
  delete process.env[RUN_FOLDER];
}
