import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

/**
 * Runs axe-core (a dev dependency) inside the page and returns the violations at or above an impact.
 * The source is evaluated through the DevTools protocol rather than added as a <script>, because the
 * app's Content-Security-Policy rightly refuses inline scripts.
 */

export interface AxeViolation {
  readonly id: string;
  readonly impact: string;
  readonly help: string;
  /** CSS paths of the offending nodes (shadow roots joined with " >> "). */
  readonly targets: readonly string[];
}

const IMPACT_ORDER = ['minor', 'moderate', 'serious', 'critical'];
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

export async function axeViolations(
  page: Page,
  atLeast: 'serious' | 'moderate' = 'serious',
): Promise<AxeViolation[]> {
  const source = await readFile(axePath, 'utf8');
  await page.evaluate(source);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(context: Document, options: object): Promise<{ violations: unknown[] }> };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations as {
      id: string;
      impact: string;
      help: string;
      nodes: { target: (string | string[])[] }[];
    }[];
  });
  const floor = IMPACT_ORDER.indexOf(atLeast);
  return violations
    .filter((v) => IMPACT_ORDER.indexOf(v.impact) >= floor)
    .map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.map((t) => (Array.isArray(t) ? t.join(' >> ') : t)).join(' >> ')),
    }));
}

/** One line per violation, for a failure message a person can act on. */
export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.targets.slice(0, 5).join(', ')}`)
    .join('\n');
}
