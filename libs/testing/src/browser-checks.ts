import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/**
 * The checks every screen of the web apps passes in their browser tests: axe-core with the WCAG
 * 2.2 AA rules, and nothing spilling sideways at 360 px.
 */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: { target: string[] }[];
}

let axeSource: string | undefined;

/** No axe violation on the current screen (the screen's name labels a failure). */
export async function expectAccessible(target: Page, screen: string): Promise<void> {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await target.evaluate(axeSource);
  const violations = await target.evaluate(async (tags) => {
    // Runs in the page: its globals, typed here without the DOM library (every test project
    // compiles this file).
    const page = globalThis as unknown as {
      document: unknown;
      axe: { run: (...args: unknown[]) => Promise<{ violations: AxeViolation[] }> };
    };
    const result = await page.axe.run(page.document, { runOnly: { type: 'tag', values: tags } });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target })),
    }));
  }, WCAG_TAGS);
  if (violations.length > 0) {
    throw new Error(`axe (WCAG 2.2 AA) on "${screen}": ${JSON.stringify(violations, null, 2)}`);
  }
}

/** At 360 px the page never scrolls horizontally. */
export async function expectFitsNarrowScreen(target: Page): Promise<void> {
  const width = await target.evaluate(
    () =>
      (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
        .documentElement.scrollWidth,
  );
  if (width > 360) throw new Error(`the page is ${width} px wide at 360 px: it scrolls sideways`);
}
