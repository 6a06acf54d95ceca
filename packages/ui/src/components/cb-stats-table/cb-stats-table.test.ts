// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { CbStatsTable } from './cb-stats-table';
import './cb-stats-table';
import { statsOf } from './stats-fixture.test-helper';

afterEach(() => document.body.replaceChildren());

describe('cb-stats-table', () => {
  it('puts each table in its own focusable, named scroller, so the scroll cue sits at the table', async () => {
    const element = document.createElement('cb-stats-table') as CbStatsTable;
    element.value = statsOf(
      [{ kind: 'conv', inChannels: 1, outChannels: 1, kernel: 3, padding: 'same' }],
      [3, 3],
    );
    document.body.append(element);
    await element.updateComplete;
    const root = element.shadowRoot as ShadowRoot;
    const tables = [...root.querySelectorAll('table')];
    expect(tables.length).toBeGreaterThan(1);
    for (const table of tables) {
      const scroller = table.parentElement;
      expect(scroller?.classList.contains('scroller')).toBe(true);
      expect(scroller?.getAttribute('role')).toBe('region');
      expect(scroller?.getAttribute('tabindex')).toBe('0');
      expect(scroller?.getAttribute('aria-label')).toBe(table.getAttribute('aria-label'));
    }
    // The explanations between the tables do not scroll with them.
    expect(element.hasAttribute('tabindex')).toBe(false);
    expect(root.querySelector('.scroller p.explain')).toBeNull();
  });
});
