import { loadavg } from 'node:os';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useAppSession } from './app-session';
import { cell, openApp } from './browser';
import { shareFragment } from './hostile-content';
import { machineOverloaded, OBSERVE_LONG_TASKS, traceMainThread } from './long-tasks';
import { importNotebookFile } from './notebook-actions';

// Issue 13 item 7: 498 tiny convs took 13.9 s to settle with a 4.3 s freeze (8.5 s here before the fix:
// cb-notebook rendered all 498 cells in the task that opened the notebook, and the pass carrying 498 states
// re-rendered every cell in one Worker.onmessage). Now the notebook appears a chunk of cells per task,
// each cell's update runs in a budgeted slice (render-slices.ts), input pickers list their 500
// candidates only once used, and in so long a notebook only the cells near the screen show their bodies. The page must settle the notebook with no main-thread task over 50 ms, in
// CPU time (Chromium's trace) and in wall time (PerformanceObserver 'longtask'). When other processes hold
// the cores (load average above the core count) both are logged instead: there a render slice whose script
// ran 8–13 ms was measured at 50–100 ms of thread time as well as wall time (its style and layout included).

const LONG_TASK_LIMIT_MS = 50;
const CONVS = 496;

function manyConvs(count: number): string {
  const cells: unknown[] = [
    {
      id: 'm',
      kind: 'image',
      params: {
        values: [
          [0, 1, 0],
          [1, 0, 1],
          [0, 1, 0],
        ],
      },
    },
    { id: 'k', kind: 'kernel', params: { values: [[1, -1]] } },
  ];
  for (let i = 0; i < count; i++)
    cells.push({ id: `c${i}`, kind: 'conv', inputs: { input: 'm', kernel: 'k' } });
  return JSON.stringify({ format: 'convbook', version: 1, title: `${count} convs`, cells });
}

/** The number of cells once all are rendered and none is computing or waiting to render, else -1. */
function settledCells(page: Page): Promise<number> {
  return page.evaluate(() => {
    const notebook = document.querySelector('cb-app')?.shadowRoot?.querySelector('cb-notebook');
    const root = notebook?.shadowRoot;
    if (document.body.dataset.ready !== 'true' || !root || notebook?.hasAttribute('data-render-queued'))
      return -1;
    if (root.querySelector('cb-cell[data-status="pending"], cb-cell[data-render-queued]')) return -1;
    return root.querySelectorAll('cb-cell').length;
  });
}

describe('a notebook of many cells', () => {
  const session = useAppSession({
    open: false,
    prepare: async ({ context }) => {
      await context.addInitScript(OBSERVE_LONG_TASKS);
    },
  });

  it('settles 498 tiny convs without a main-thread task over 50 ms', { timeout: 150_000 }, async () => {
    const { page } = session;
    const small = {
      format: 'convbook',
      version: 1,
      title: 'small',
      cells: [{ id: 'n', kind: 'note', params: { markdown: 'hi' } }],
    };
    await openApp(page, shareFragment(small));
    await page.waitForTimeout(500);
    await page.evaluate('window.__longTasks = []; window.__longFrames = []');
    const stopTrace = await traceMainThread(page);
    const started = Date.now();
    await importNotebookFile(page, 'many.json', manyConvs(CONVS));
    // Polled through the notebook's own shadow root: Playwright's selectors walk every shadow tree of
    // 500 cells, ~60 ms of the page's thread per query, which would be measured as the page's own tasks.
    await expect.poll(() => settledCells(page), { timeout: 100_000, interval: 250 }).toBe(CONVS + 2);
    const settled = Date.now() - started;
    await page.waitForTimeout(500);
    const tasks = await stopTrace();
    const longTasks = ((await page.evaluate('window.__longTasks')) as number[]).filter(
      (ms) => ms > LONG_TASK_LIMIT_MS,
    );
    const frames = (await page.evaluate('window.__longFrames')) as string[];
    const most = (key: 'cpuMs' | 'wallMs') => Math.max(...tasks.map((task) => task[key])).toFixed(1);
    console.info(
      `${CONVS + 2} cells settled in ${settled} ms (load ${(loadavg()[0] ?? 0).toFixed(1)}); longest task ` +
        `${most('cpuMs')} ms CPU, ${most('wallMs')} ms wall; long tasks ${JSON.stringify(longTasks)}`,
    );
    expect(tasks.length).toBeGreaterThan(10);
    const overCpu = tasks.filter((task) => task.cpuMs > LONG_TASK_LIMIT_MS);
    if (machineOverloaded() && (overCpu.length > 0 || longTasks.length > 0))
      console.warn(`long tasks on a loaded machine (load ${loadavg()[0]}):`, overCpu, longTasks, frames);
    else {
      expect(overCpu, frames.join('\n')).toEqual([]);
      expect(longTasks, frames.join('\n')).toEqual([]);
    }

    // Every cell computed. Far from the screen a cell shows only its header (no form controls for
    // Chrome's autofill to rescan); scrolled into view it is painted and reachable by keyboard.
    expect(await page.locator('cb-cell[data-status="ok"]').count()).toBe(CONVS + 2);
    const last = `c${CONVS - 1}`;
    expect(await cell(page, last).locator('canvas').count()).toBe(0);
    // Far away, the title is a button that turns into the title field when focused (Tab reaches it).
    await cell(page, `c${CONVS - 2}`)
      .locator('button.title')
      .focus();
    await expect
      .poll(() => cell(page, `c${CONVS - 2}`).evaluate((host) => host.shadowRoot?.activeElement?.tagName))
      .toBe('TEXTAREA');
    await page.keyboard.press('Alt+ArrowDown');
    await expect
      .poll(() => cell(page, last).evaluate((host) => host.shadowRoot?.activeElement?.className ?? ''))
      .toContain('title');
    await expect
      .poll(() => page.evaluate((id) => performance.getEntriesByName(`cb-painted:${id}`).length, last))
      .toBe(1);
    const onScreen = await cell(page, last)
      .getByRole('textbox', { name: 'Cell title' })
      .evaluate((title) => {
        const box = title.getBoundingClientRect();
        return box.height > 0 && box.bottom > 0 && box.top < innerHeight;
      });
    expect(onScreen).toBe(true);
    await expect.poll(() => cell(page, 'c0').locator('select').count()).toBe(0);
  });
});
