#!/usr/bin/env bash
# Creates the config files of a TypeScript library in this workspace (project.json, tsconfigs,
# jest and eslint configs) so that every library is wired the same way.
# Usage: tools/scripts/scaffold-lib.sh <dir> <project-name> <tag> [<tag>...]
set -euo pipefail
dir=$1 name=$2; shift 2
depth=$(awk -F/ '{print NF}' <<<"$dir")
up=$(printf '../%.0s' $(seq 1 "$depth"))
tags=$(printf '"%s",' "$@"); tags=${tags%,}
mkdir -p "$dir/src"
cat >"$dir/project.json" <<JSON
{
  "name": "$name",
  "\$schema": "${up}node_modules/nx/schemas/project-schema.json",
  "sourceRoot": "$dir/src",
  "projectType": "library",
  "tags": [$tags],
  "targets": {
    "test": {},
    "typecheck": {}
  }
}
JSON
cat >"$dir/tsconfig.json" <<JSON
{
  "extends": "${up}tsconfig.base.json",
  "files": [],
  "include": [],
  "references": [{ "path": "./tsconfig.lib.json" }, { "path": "./tsconfig.spec.json" }]
}
JSON
cat >"$dir/tsconfig.lib.json" <<JSON
{
  "extends": "./tsconfig.json",
  "compilerOptions": { "outDir": "${up}dist/out-tsc", "types": ["node"] },
  "include": ["src/**/*.ts", "src/**/*.json"],
  "exclude": ["src/**/*.spec.ts", "src/**/*.int-spec.ts"]
}
JSON
cat >"$dir/tsconfig.spec.json" <<JSON
{
  "extends": "./tsconfig.json",
  "compilerOptions": { "outDir": "${up}dist/out-tsc", "types": ["jest", "node"] },
  "include": ["src/**/*.ts", "src/**/*.json", "jest.config.cts"]
}
JSON
cat >"$dir/jest.config.cts" <<JS
module.exports = {
  displayName: '$name',
  preset: '${up}jest.preset.js',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  coverageDirectory: '${up}coverage/$dir',
};
JS
cat >"$dir/eslint.config.mjs" <<JS
import baseConfig from '${up}eslint.config.mjs';

export default [...baseConfig];
JS
echo "scaffolded $name in $dir"
