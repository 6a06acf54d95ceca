import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useAppSession } from './app-session';
import { cell, screenshot, VIEWPORT, waitForIdle } from './browser';
import { buildFirstNotebook } from './first-notebook';
import { named, tabTo } from './keyboard-nav';
import { savedNotebookTitles, shareLink } from './notebook-actions';

// Flow 8: the pictures in the README, taken from the built app at 1280×900 and device scale 1.
// Each test also checks the thing it photographs is really on screen, so a blank picture fails.

describe('README screenshots', () => {
  const session = useAppSession();

  it('shows the top of the lecture notebook', async () => {
    const { page } = session;
    await page.evaluate(() => window.scrollTo(0, 0));
    expect(await page.locator('cb-cell').count()).toBeGreaterThan(0);
    await screenshot(page, 'lecture-top');
  });

  it('shows a kernel editor and the feature maps it produces', async () => {
    const { page } = session;
    const kernel = cell(page, 'sobelX');
    const maps = cell(page, 'rectified');
    await kernel.scrollIntoViewIfNeeded();
    await expect.poll(() => maps.locator('canvas').count()).toBeGreaterThan(0);
    await screenshotSpan(page, [kernel, cell(page, 'raw'), maps], 'kernel-and-maps');
  });

  it('shows the gradient cell after training', async () => {
    const { page } = session;
    const learn = cell(page, 'learn');
    await learn.scrollIntoViewIfNeeded();
    await waitForIdle(page, 30_000);
    await expect(learn.getAttribute('data-status')).resolves.toBe('ok');
    await screenshotSpan(page, [learn], 'grad-training');
  });

  it('shows the notebook list and the share dialog', async () => {
    const { page } = session;
    await page.evaluate(() => window.scrollTo(0, 0));
    expect((await savedNotebookTitles(page)).length).toBeGreaterThan(0);
    expect(await shareLink(page)).toContain('#share=');
    await screenshot(page, 'notebooks-and-share');
  });
});

// The "your first notebook" guide: each step's cell after the keyboard has built it (first-notebook.ts).
describe('README screenshots: your first notebook', () => {
  const session = useAppSession();

  it('shows each step of the guide', async () => {
    const { page } = session;
    const shots: Record<number, [string, string]> = {
      2: ['image1', 'first-image'],
      3: ['kernel1', 'first-kernel'],
      4: ['conv1', 'first-conv'],
    };
    await buildFirstNotebook(page, {
      after: async (step) => {
        const shot = shots[step];
        if (shot) await screenshotSpan(page, [cell(page, shot[0])], shot[1]);
      },
    });
    await tabTo(page, named('How is each number computed?', 'conv1'));
    await page.keyboard.press('Enter');
    const explainer = cell(page, 'conv1').locator('cb-unit-explainer');
    await expect.poll(() => explainer.count()).toBe(1);
    await screenshotSpan(page, [cell(page, 'conv1')], 'first-explainer');
  });
});

/**
 * Screenshots the smallest region holding all the given elements, after scrolling the first one to just
 * below the app's sticky header (so the header does not cover it); cut at the bottom of the viewport.
 */
async function screenshotSpan(page: Page, parts: readonly Locator[], name: string): Promise<void> {
  const header = await page.getByRole('banner').first().boundingBox();
  const headerBottom = header ? header.y + header.height : 0;
  const first = await parts[0]?.boundingBox();
  if (!first) throw new Error(`${name}: the first part is not on screen`);
  await page.evaluate((dy) => window.scrollBy(0, dy), first.y - headerBottom - 12);
  const boxes = [];
  for (const part of parts) {
    const box = await part.boundingBox();
    if (box) boxes.push(box);
  }
  const top = Math.max(0, Math.min(...boxes.map((b) => b.y)) - 8);
  const left = Math.max(0, Math.min(...boxes.map((b) => b.x)) - 8);
  const bottom = Math.min(VIEWPORT.height, Math.max(...boxes.map((b) => b.y + b.height)) + 8);
  const right = Math.min(VIEWPORT.width, Math.max(...boxes.map((b) => b.x + b.width)) + 8);
  await screenshot(page, name, { x: left, y: top, width: right - left, height: bottom - top });
}
