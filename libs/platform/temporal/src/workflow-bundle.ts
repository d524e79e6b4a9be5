import type { BundleOptions } from '@temporalio/worker';

type WebpackConfigHook = NonNullable<BundleOptions['webpackConfigHook']>;
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Finds the workspace root (the folder holding tsconfig.base.json) from a starting folder. */
export function findWorkspaceRoot(from: string = process.cwd()): string {
  for (let dir = resolve(from); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'tsconfig.base.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`No tsconfig.base.json above ${from}`);
  }
}

/**
 * Webpack hook for bundling workflow code written in this workspace: resolves the `@reintegra/*`
 * path aliases of tsconfig.base.json, so workflows can import the shared workflow contracts.
 */
export function workspaceWebpackConfigHook(workspaceRoot = findWorkspaceRoot()): WebpackConfigHook {
  const { compilerOptions } = JSON.parse(
    readFileSync(join(workspaceRoot, 'tsconfig.base.json'), 'utf8'),
  ) as { compilerOptions: { paths: Record<string, string[]> } };
  const alias = Object.fromEntries(
    Object.entries(compilerOptions.paths).map(([name, [target]]) => [
      `${name}$`,
      join(workspaceRoot, target ?? ''),
    ]),
  );
  return (config) => ({
    ...config,
    resolve: { ...config.resolve, alias: { ...config.resolve?.alias, ...alias } },
  });
}
