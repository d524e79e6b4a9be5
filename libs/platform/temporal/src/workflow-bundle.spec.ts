import { join } from 'node:path';
import { findWorkspaceRoot, workspaceWebpackConfigHook } from './workflow-bundle';

describe('workflow bundling in the workspace', () => {
  it('finds the workspace root from a nested folder', () => {
    const root = findWorkspaceRoot(__dirname);
    expect(findWorkspaceRoot(join(root, 'apps/orchestrator/src'))).toBe(root);
  });

  it('resolves every @reintegra alias to its source entry, keeping existing aliases', () => {
    const root = findWorkspaceRoot(__dirname);
    const config = workspaceWebpackConfigHook(root)({ resolve: { alias: { keep: '/x' } } });
    const alias = config.resolve?.alias as Record<string, string>;
    expect(alias['keep']).toBe('/x');
    expect(alias['@reintegra/workflow-contracts$']).toBe(
      join(root, 'libs/contracts/workflows/src/index.ts'),
    );
  });
});
