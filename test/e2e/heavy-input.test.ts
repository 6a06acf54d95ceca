import { describe, expect, it } from 'vitest';
import { useAppSession } from './app-session';
import { cell, openApp, waitForIdle } from './browser';
import { shareFragment } from './hostile-content';
import { OBSERVE_LONG_TASKS } from './long-tasks';

/**
 * Issue 13's heavy inputs in the browser: a share link whose one kernel cell is a 2^20-weight bank, and a
 * 4096² RGB picture. Neither may draw one element per number, nor block the main thread for long.
 */

const notebook = (title: string, cells: unknown[]) => ({ format: 'convbook', version: 1, title, cells });

// Isolated, big maps live in shared memory (the worker's op outputs, the parallel conv's output).
describe.each([
  ['', false],
  [', served with COOP/COEP (maps in shared memory)', true],
])('heavy input in the browser%s', (_served, isolated) => {
  const session = useAppSession({
    isolated,
    open: false,
    prepare: async ({ context }) => {
      await context.addInitScript(OBSERVE_LONG_TASKS);
    },
  });

  it('edits the 256×64×8×8 bank a page at a time: 256 inputs, not a million', async () => {
    const { page } = session;
    const link = shareFragment(
      notebook('bank bomb', [
        { id: 'k', kind: 'kernel', params: { random: { shape: [256, 64, 8, 8], seed: 1 } } },
      ]),
    );
    const started = Date.now();
    await openApp(page, link);
    const opened = Date.now() - started;
    const editor = cell(page, 'k').locator('cb-kernel-editor');
    await editor.locator('.pager').waitFor();
    const weightInputs = () => editor.locator('.grid input').count();
    expect(await weightInputs()).toBe(256);
    expect(await page.locator('input').count()).toBeLessThan(1000);
    await expect
      .poll(() => editor.locator('.pager [role=status]').textContent())
      .toMatch(/^Page 1 of 4096: kernel 1, channel 1 to kernel 1, channel 4 /);
    await editor.locator('#go-kernel').fill('200');
    await editor.locator('#go-kernel').dispatchEvent('change');
    await expect
      .poll(() => editor.locator('.pager [role=status]').textContent())
      .toMatch(/^Page 3185 of 4096: kernel 200, channel 1 to/);
    // Weight fields are text inputs (typed-number.ts): found by role and name like any text field.
    expect(
      await editor.getByRole('textbox', { name: /kernel 200, channel 1, weight row 1, column 1/ }).count(),
    ).toBe(1);
    expect(
      await editor.locator('input[aria-label="kernel 200, channel 1, weight row 1, column 1"]').count(),
    ).toBe(1);
    const longTasks = (await page.evaluate('window.__longTasks')) as number[];
    console.info(`bank bomb: opened in ${opened} ms; long tasks ${JSON.stringify(longTasks)}`);
    console.info(`long frames: ${JSON.stringify(await page.evaluate('window.__longFrames'))}`);
    expect(opened).toBeLessThan(30_000);
  });

  // Retried: on a machine shared with other jobs one task in a run can be stretched past 50 ms by load
  // (seen once, 131 ms, in a full-suite run at load 11); the defect this guards against was one 4.2 s task.
  it('shows a 4096² RGB picture without a main-thread task over 50 ms', { retry: 2 }, async () => {
    const { page } = session;
    // Opened small, so the app's own start-up (one long task of JS evaluation) is over before measuring.
    const link = shareFragment(
      notebook('big picture', [
        { id: 'photo', kind: 'image', params: { sample: { name: 'rgb-shapes', size: 32 } } },
      ]),
    );
    await page.goto('about:blank'); // a new link in the same tab is not a navigation (no hashchange yet)
    await openApp(page, link);
    const map = cell(page, 'photo').locator('cb-feature-map');
    await page.evaluate('window.__longTasks = []; window.__longFrames = []');
    const size = cell(page, 'photo').locator('cb-image-editor #sample-size');
    await size.fill('4096');
    await size.dispatchEvent('change');
    await expect
      .poll(() => map.locator('canvas[data-channel="0"]').getAttribute('aria-label'), { timeout: 30_000 })
      .toMatch(/4096×4096, min 0, max 1/);
    await waitForIdle(page);
    await page.waitForTimeout(1000); // the split paint's last canvases
    const sizes = await map
      .locator('canvas')
      .evaluateAll((canvases) =>
        canvases.map((c) => `${(c as HTMLCanvasElement).width}×${(c as HTMLCanvasElement).height}`),
      );
    expect(sizes).toEqual(['288×288', '288×288', '288×288', '288×288']); // colour + three channels
    const longTasks = (await page.evaluate('window.__longTasks')) as number[];
    console.info(`4096² picture: long tasks ${JSON.stringify(longTasks)}`);
    console.info(`long frames: ${JSON.stringify(await page.evaluate('window.__longFrames'))}`);
    expect(Math.max(0, ...longTasks)).toBeLessThanOrEqual(50);
  });
});
