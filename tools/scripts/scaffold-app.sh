#!/usr/bin/env bash
# Creates the config files of a NestJS service in apps/ (project.json with build, serve,
# migrate, test, integration and typecheck targets; webpack; tsconfigs; jest; eslint), so every
# service is wired the same way. Usage: tools/scripts/scaffold-app.sh <name> <scope-tag>
set -euo pipefail
name=$1 scope=$2 dir=apps/$1
mkdir -p "$dir/src"
cat >"$dir/project.json" <<JSON
{
  "name": "$name",
  "\$schema": "../../node_modules/nx/schemas/project-schema.json",
  "sourceRoot": "$dir/src",
  "projectType": "application",
  "tags": ["type:app", "scope:$scope"],
  "targets": {
    "serve": {
      "continuous": true,
      "executor": "@nx/js:node",
      "dependsOn": ["build"],
      "options": { "buildTarget": "$name:build", "runBuildTargetDependencies": false }
    },
    "migrate": {
      "executor": "nx:run-commands",
      "dependsOn": ["build"],
      "options": { "command": "node dist/$dir/migrate.js" }
    },
    "test": {},
    "integration": {},
    "typecheck": {}
  }
}
JSON
echo "module.exports = require('../../tools/webpack/service.webpack.config')(__dirname);" >"$dir/webpack.config.js"
cat >"$dir/tsconfig.json" <<'JSON'
{
  "extends": "../../tsconfig.base.json",
  "files": [],
  "include": [],
  "references": [{ "path": "./tsconfig.app.json" }, { "path": "./tsconfig.spec.json" }]
}
JSON
cat >"$dir/tsconfig.app.json" <<'JSON'
{
  "extends": "./tsconfig.json",
  "compilerOptions": { "outDir": "../../dist/out-tsc", "types": ["node"] },
  "include": ["src/**/*.ts"],
  "exclude": ["src/**/*.spec.ts", "src/**/*.int-spec.ts"]
}
JSON
cat >"$dir/tsconfig.spec.json" <<'JSON'
{
  "extends": "./tsconfig.json",
  "compilerOptions": { "outDir": "../../dist/out-tsc", "types": ["jest", "node"] },
  "include": ["src/**/*.ts", "jest.config.cts", "jest.integration.config.cts"]
}
JSON
cat >"$dir/jest.config.cts" <<JS
module.exports = {
  displayName: '$name',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  coverageDirectory: '../../coverage/$dir',
};
JS
cat >"$dir/jest.integration.config.cts" <<JS
// Integration tier: real PostgreSQL, Kafka and Temporal (see libs/testing).
module.exports = {
  displayName: '$name:integration',
  preset: '../../jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/../../libs/testing/src/jest-global-setup.ts',
  globalTeardown: '<rootDir>/../../libs/testing/src/jest-global-teardown.ts',
  testTimeout: 90_000,
};
JS
cat >"$dir/eslint.config.mjs" <<'JS'
import baseConfig from '../../eslint.config.mjs';

export default [...baseConfig];
JS
echo "scaffolded $name"
