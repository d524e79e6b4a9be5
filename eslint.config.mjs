import nx from '@nx/eslint-plugin';

// Layer rules checked on every lint run. Services share only contracts and platform libraries;
// one service can never reach into another (apps are never importable, and scope tags keep
// service-specific libraries private to their service).
const serviceScopes = [
  'intake',
  'orchestrator',
  'employment-matching',
  'education-enrolment',
  'victim-support',
  'dev-identity',
  'supervisor',
  'partner-gateway',
  'community-inclusion',
  'service-directory',
  'notifications',
];

const config = [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/coverage', '.stack/**', 'artifacts/**'],
  },
  {
    files: ['**/*.ts', '**/*.js', '**/*.mjs', '**/*.cjs'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          allow: [
            '^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$',
            '^(\\.\\./)+tools/webpack/service\\.webpack\\.config$',
          ],
          depConstraints: [
            // Layers (type:*)
            {
              sourceTag: 'type:contracts',
              onlyDependOnLibsWithTags: [
                'type:contracts',
                'type:reference-data',
                'type:vocabulary',
              ],
            },
            { sourceTag: 'type:reference-data', onlyDependOnLibsWithTags: [] },
            // The code lists (plain arrays): usable everywhere, including workflow code and the
            // browser apps; they depend on nothing.
            { sourceTag: 'type:vocabulary', onlyDependOnLibsWithTags: [] },
            {
              sourceTag: 'type:platform',
              onlyDependOnLibsWithTags: ['type:platform', 'type:contracts', 'type:vocabulary'],
            },
            {
              sourceTag: 'type:testing',
              onlyDependOnLibsWithTags: [
                'type:platform',
                'type:contracts',
                'type:testing',
                'type:demo-data',
                'type:vocabulary',
              ],
            },
            // Seeded fictional data for tests and the demo loader: built on reference data only.
            { sourceTag: 'type:demo-data', onlyDependOnLibsWithTags: ['type:reference-data'] },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [
                'type:contracts',
                'type:reference-data',
                'type:platform',
                'type:testing',
                'type:demo-data',
                'type:vocabulary',
              ],
            },
            // The browser apps bundle for the browser: no platform (Node/Nest) or contract
            // libraries (their index pulls in node:crypto); they talk to the services over HTTP.
            // They may use the shared web pieces, the reference data (plain JSON) and the code lists.
            {
              sourceTag: 'type:web',
              onlyDependOnLibsWithTags: ['type:web-ui', 'type:reference-data', 'type:vocabulary'],
            },
            // Shared pieces of the web apps (API helper, problem+json, i18n, layout): browser-only.
            { sourceTag: 'type:web-ui', onlyDependOnLibsWithTags: ['type:vocabulary'] },
            {
              sourceTag: 'type:e2e',
              onlyDependOnLibsWithTags: ['type:contracts', 'type:testing', 'type:demo-data'],
            },
            // Scopes (scope:*): shared code never depends on a service; a service only on itself
            // and shared code.
            // The production chart's checks render it and validate what it sets with the
            // services' own config rules (platform-config), as each service would at boot.
            {
              sourceTag: 'type:deployment',
              onlyDependOnLibsWithTags: ['type:platform', 'type:testing'],
            },
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            ...serviceScopes.map((scope) => ({
              sourceTag: `scope:${scope}`,
              onlyDependOnLibsWithTags: [`scope:${scope}`, 'scope:shared'],
            })),
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
];
export default config;

/**
 * Lint rules every React project shares (the web apps and libs/ui-web call this from their own
 * eslint.config.mjs): typed rules for .tsx and, for an app's browser tests, what they may import.
 * @param {{ dirname: string; scope?: string }} project the project's folder; for an app, its scope tag
 */
export function webConfig({ dirname, scope }) {
  const web = [
    ...config,
    {
      files: ['**/*.tsx'],
      languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: dirname } },
      rules: {
        '@typescript-eslint/no-floating-promises': 'error',
        '@typescript-eslint/no-misused-promises': [
          'error',
          { checksVoidReturn: { attributes: false } },
        ],
        '@typescript-eslint/no-explicit-any': 'error',
      },
    },
  ];
  if (!scope) return web;
  // The browser tests run in Node (jest) and drive the built services: they may use the event
  // contracts and the test helpers. The app itself (src/) may not (see the rules above).
  web.push({
    files: ['e2e/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: true,
          depConstraints: [
            { sourceTag: 'type:web', onlyDependOnLibsWithTags: ['type:contracts', 'type:testing'] },
            { sourceTag: scope, onlyDependOnLibsWithTags: ['scope:shared'] },
          ],
        },
      ],
    },
  });
  return web;
}
