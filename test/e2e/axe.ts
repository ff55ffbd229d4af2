import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
// Evaluated through the DevTools protocol, not added as a <script>: the app's CSP (script-src 'self') rightly
// refuses inline scripts, and the test must not weaken it to look.
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeProblem {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core (evaluated in the page: it works with playwright-core alone, no @axe-core/playwright needed) on the
 * page as it is and returns the serious and critical violations, each with the elements it found.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeProblem[]> {
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResult> } })
      .axe;
    interface AxeResult {
      violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[];
    }
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact ?? '',
        help: v.help,
        targets: v.nodes.map((n) => n.target.map(String).join(' ')),
      }));
  });
}

/**
 * Every visible thing a thumb can touch, with its height, when under 44 px: links, buttons, fields, dropdowns,
 * summaries, and the label around a radio or checkbox (the label is the target, the small box inside it is not).
 */
export async function smallTouchTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const small: string[] = [];
    const candidates = document.querySelectorAll<HTMLElement>(
      'a[href], button, select, textarea, summary, input:not([type="radio"]):not([type="checkbox"]):not([type="hidden"])',
    );
    const labels = [...document.querySelectorAll<HTMLElement>('label')].filter((label) =>
      label.querySelector('input[type="radio"], input[type="checkbox"]'),
    );
    for (const element of [...candidates, ...labels]) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue; // folded away, not a target now
      if (box.height < 44) {
        const text = (element.textContent ?? '').trim().slice(0, 30);
        small.push(`${element.tagName.toLowerCase()} "${text}" ${Math.round(box.height)} px`);
      }
    }
    return small;
  });
}
