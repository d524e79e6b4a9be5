#!/usr/bin/env node
// The layout rules lint cannot state (README, "How the code is laid out"), checked on non-test code:
//   1. inside every app's src/, the top-level folders depend one way: no import cycle between them
//      (not even through a third folder), so each feature sits above the ones it uses;
//   2. no source file over 400 lines.
// Usage: node tools/scripts/check-structure.mjs [--print] [app ...]   (exit 1 and a list when broken;
//        --print also lists each app's folders bottom first, with what each one imports)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const MAX_LINES = 400;
const root = resolve(dirname(new URL(import.meta.url).pathname), '../..');
const isTest = (file) =>
  /\.(spec|int-spec|e2e-spec)\.tsx?$/.test(file) ||
  /(^|\/)(testing|__fixtures__|__tests__)\//.test(file) ||
  /-test-bed\.tsx?$/.test(file);

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The top-level folder under src/ a file belongs to; a file directly in src/ is its own unit. */
const unitOf = (srcDir, file) => relative(srcDir, file).split(sep)[0];

const problems = [];
const print = process.argv.includes('--print');
const named = process.argv.slice(2).filter((arg) => arg !== '--print');
const apps = named.length
  ? named
  : readdirSync(join(root, 'apps')).filter((app) =>
      statSync(join(root, 'apps', app, 'src'), { throwIfNoEntry: false }),
    );

for (const app of apps) {
  const srcDir = join(root, 'apps', app, 'src');
  const edges = new Map(); // unit -> Map(unit -> example "file -> import")
  for (const file of sourceFiles(srcDir)) {
    const rel = relative(root, file);
    if (isTest(rel)) continue;
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
    if (lines > MAX_LINES) problems.push(`${rel}: ${lines} lines (at most ${MAX_LINES})`);
    const from = unitOf(srcDir, file);
    for (const match of text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
      const target = resolve(dirname(file), match[1]);
      if (!target.startsWith(srcDir + sep)) continue;
      const to = unitOf(srcDir, target);
      if (to === from) continue;
      if (!edges.has(from)) edges.set(from, new Map());
      if (!edges.get(from).has(to))
        edges.get(from).set(to, `${relative(srcDir, file)} → ${match[1]}`);
    }
  }
  // Strongly connected components (Tarjan): any component of two or more units is a tangle.
  let index = 0;
  const stack = [];
  const info = new Map();
  const strong = (unit) => {
    info.set(unit, { index, low: index, onStack: true });
    index += 1;
    stack.push(unit);
    for (const next of edges.get(unit)?.keys() ?? []) {
      if (!info.has(next)) {
        strong(next);
        info.get(unit).low = Math.min(info.get(unit).low, info.get(next).low);
      } else if (info.get(next).onStack) {
        info.get(unit).low = Math.min(info.get(unit).low, info.get(next).index);
      }
    }
    if (info.get(unit).low === info.get(unit).index) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        info.get(member).onStack = false;
        component.push(member);
      } while (member !== unit);
      if (component.length > 1) {
        const inside = new Set(component);
        const examples = component.flatMap((a) =>
          [...(edges.get(a) ?? [])]
            .filter(([b]) => inside.has(b))
            .map(([, example]) => `      ${example}`),
        );
        problems.push(
          `apps/${app}/src: folders import each other: ${component.sort().join(', ')}\n${examples.join('\n')}`,
        );
      }
    }
  };
  for (const unit of edges.keys()) if (!info.has(unit)) strong(unit);
  if (print) printLayout(app, srcDir, edges);
}

/** The app's folders, each after the folders it imports (Tarjan emits components bottom first). */
function printLayout(app, srcDir, edges) {
  const folders = readdirSync(srcDir).filter(
    (name) =>
      statSync(join(srcDir, name)).isDirectory() && !['testing', '__fixtures__'].includes(name),
  );
  const placed = [];
  const visit = (folder, trail = new Set()) => {
    if (placed.includes(folder) || trail.has(folder)) return;
    trail.add(folder);
    for (const next of [...(edges.get(folder)?.keys() ?? [])].sort())
      if (folders.includes(next)) visit(next, trail);
    placed.push(folder);
  };
  for (const folder of folders.sort()) visit(folder);
  console.log(`apps/${app}/src`);
  for (const folder of placed) {
    const uses = [...(edges.get(folder)?.keys() ?? [])]
      .filter((next) => folders.includes(next))
      .sort();
    console.log(`  ${folder}/${uses.length ? ` → ${uses.join(', ')}` : ''}`);
  }
}

if (problems.length) {
  console.error(
    `[structure] ${problems.length} problem(s):\n${problems.map((p) => `  ${p}`).join('\n')}`,
  );
  console.error(
    '[structure] fix: move the shared piece down into a lower folder (the core), or split the file by use case',
  );
  process.exit(1);
}
console.log(
  `[structure] ${apps.length} apps: folders depend one way, no file over ${MAX_LINES} lines`,
);
