import { builtinModules } from 'node:module';
import baseConfig from '../../eslint.config.mjs';

// Workflow code runs in Temporal's deterministic sandbox: no Node built-ins, Nest, I/O libraries or
// platform libraries (activities, Nest providers, do the side effects). The path is relative to
// this folder, where `nx lint` runs ESLint.
export default [
  ...baseConfig,
  {
    files: ['src/workflows/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.int-spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...builtinModules,
            ...builtinModules.map((m) => `node:${m}`),
            'kafkajs',
            'pg',
            'typeorm',
            '@temporalio/worker',
            '@temporalio/client',
            '@temporalio/activity',
          ].map((name) => ({ name, message: 'Not allowed in deterministic workflow code.' })),
          patterns: [
            { group: ['@nestjs/*'], message: 'Workflow code stays Nest-free.' },
            {
              group: ['@reintegra/platform-*'],
              message: 'Workflow code imports contracts only; side effects belong in activities.',
            },
          ],
        },
      ],
    },
  },
];
