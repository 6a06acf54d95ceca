import { describe, expect, it } from 'vitest';
import { useAppSession } from './app-session';
import { openApp, waitForIdle } from './browser';
import { shareFragment } from './hostile-content';
import { OBSERVE_LONG_TASKS } from './long-tasks';
import { importNotebookFile } from './notebook-actions';

// Issue 13 item 7: 498 tiny convs took 13.9 s to settle with a 4.3 s freeze. The page must settle them
// without a main-thread task over 50 ms (PerformanceObserver 'longtask').
//
// KNOWN GAP, skipped until cb-notebook renders its cells progressively (that component belongs to another
// branch of work): last run (1 December 2026, shared cores) settled in 31 s with long tasks of 8459, 1912,
// 662, 480, 213 and 189 ms; long-animation-frame puts the 8.5 s in the task that opens the imported
// notebook (IDBTransaction.oncomplete: the first render of 498 cells at once) and the 662 ms in the
// Worker.onmessage of the pass that carries 498 states. Run it with CB_KNOWN_GAPS=1.

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

describe.skipIf(!process.env.CB_KNOWN_GAPS)('a notebook of many cells', () => {
  const session = useAppSession({
    open: false,
    prepare: async ({ context }) => {
      await context.addInitScript(OBSERVE_LONG_TASKS);
    },
  });

  it('settles 498 tiny convs without a main-thread task over 50 ms', { timeout: 120_000 }, async () => {
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
    const started = Date.now();
    await importNotebookFile(page, 'many.json', manyConvs(496));
    await expect
      .poll(
        async () => {
          const count = await page.locator('cb-cell').count();
          if (count !== 498) console.info(count, await page.locator('[role="alert"]').allTextContents());
          return count;
        },
        { timeout: 60_000, interval: 2_000 },
      )
      .toBe(498);
    await waitForIdle(page, 60_000);
    const settled = Date.now() - started;
    await page.waitForTimeout(500);
    const longTasks = (await page.evaluate('window.__longTasks')) as number[];
    console.info(`498 convs: settled in ${settled} ms; long tasks ${JSON.stringify(longTasks)}`);
    console.info(`long frames: ${JSON.stringify(await page.evaluate('window.__longFrames'))}`);
    expect(Math.max(0, ...longTasks)).toBeLessThanOrEqual(50);
  });
});
