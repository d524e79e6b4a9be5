// Jest's global setup gets no moduleNameMapper: importing this first lets a global setup module
// import the workspace's path aliases (@reintegra/…) as the tests do.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { register } from 'tsconfig-paths';
import { findWorkspaceRoot } from './workspace-root';

const root = findWorkspaceRoot();
const { compilerOptions } = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8')) as {
  compilerOptions: { paths: Record<string, string[]> };
};
register({ baseUrl: root, paths: compilerOptions.paths, addMatchAll: false });
