import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useAppSession } from './app-session';
import { cell, waitForIdle } from './browser';
import { focusedControl, named, tabTo, typeAndTab } from './keyboard-nav';

// The README's "first notebook", built with the keyboard alone (Tab, Enter, arrows, typing): a 3×4 input
// and a 2×2 kernel with no padding give the 2×3 map worked by hand in the lecture,
//   x = 1 2 0 1 / 0 1 3 1 / 2 1 0 1,  k = 1 0 / 0 −1,  y[i][j] = x[i][j] − x[i+1][j+1]
//   y = 0 −1 −1 / −1 1 2.
// Every Tab stop on the way must draw a visible focus ring (tabTo checks it).

const PIXELS = [1, 2, 0, 1, 0, 1, 3, 1, 2, 1, 0, 1];
const WEIGHTS = [1, 0, 0, -1];
const EXPECTED = [0, -1, -1, -1, 1, 2];

describe('keyboard only', () => {
  const session = useAppSession();

  it('builds the 3×4 * 2×2 notebook and reads the 2×3 numbers', async () => {
    const { page } = session;
    await tabTo(page, named('New notebook'));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('cb-cell').count()).toBe(0);

    await addCell(page, 'Image');
    await expect.poll(async () => (await focusedControl(page))?.cellId).toBe('image1');
    await tabTo(page, named('Sample', 'image1'));
    await page.keyboard.type('Typed');
    await tabTo(page, named('Rows', 'image1'));
    await typeAndTab(page, '3'); // focus moves on to Columns
    await typeAndTab(page, '4');
    await waitForIdle(page);
    await tabTo(page, named('pixel row 1, column 1', 'image1'));
    await page.keyboard.press('Shift+Tab');
    for (const pixel of PIXELS) {
      await page.keyboard.press('Tab');
      await typeAndNoTab(page, String(pixel));
    }
    await page.keyboard.press('Tab');
    await waitForIdle(page);

    await addCell(page, 'Kernel');
    await expect.poll(async () => (await focusedControl(page))?.cellId).toBe('kernel1');
    await tabTo(page, named('Weights from', 'kernel1'));
    await page.keyboard.type('Custom');
    await waitForIdle(page);
    await tabTo(page, named('Rows', 'kernel1'));
    await typeAndTab(page, '2');
    await waitForIdle(page);
    await tabTo(page, named('Columns', 'kernel1'));
    await typeAndTab(page, '2');
    await waitForIdle(page);
    await tabTo(page, named('weight row 1, column 1', 'kernel1'));
    await page.keyboard.press('Shift+Tab');
    for (const weight of WEIGHTS) {
      await page.keyboard.press('Tab');
      await typeAndNoTab(page, String(weight));
    }
    await page.keyboard.press('Tab');
    await waitForIdle(page);

    await addCell(page, 'Convolution');
    await waitForIdle(page);
    const conv = cell(page, 'conv1');
    await expect(conv.getAttribute('data-status')).resolves.toBe('ok');
    expect(await matrixNumbers(page, 'conv1')).toEqual(EXPECTED);
    expect(await conv.locator('cb-matrix table').getAttribute('aria-label')).toMatch(/2×3$/);
  });

  it('moves between cells with Alt+arrows and opens the shortcuts with ?', async () => {
    const { page } = session;
    await tabTo(page, named('Cell title'), { backwards: true });
    const start = (await focusedControl(page))?.cellId;
    await page.keyboard.press('Alt+ArrowUp');
    await expect.poll(async () => (await focusedControl(page))?.cellId).not.toBe(start);
    await page.keyboard.press('Alt+ArrowDown');
    await expect.poll(async () => (await focusedControl(page))?.cellId).toBe(start);
    await page.keyboard.press('Escape');
    await tabTo(page, named('Enlarge', 'conv1'));
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await focusedControl(page))?.name).toBe('Enlarge');
    await page.keyboard.press('?');
    await expect.poll(() => page.getByRole('dialog', { name: /shortcuts/i }).count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog', { name: /shortcuts/i }).count()).toBe(0);
  });

  it('deletes a cell from its menu and leaves focus on the next cell, not the page', async () => {
    const { page } = session;
    await tabTo(page, named('Cell menu for kernel1'), { backwards: true });
    await page.keyboard.press('Enter');
    await tabTo(page, named('Delete', 'kernel1'));
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focusedControl(page))?.cellId).toBe('conv1');
  });

  it('closes the add-cell menu with Escape and keeps focus on its button', async () => {
    const { page } = session;
    await tabTo(page, named('+ Add cell'));
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await focusedControl(page))?.name).toMatch(/^Image/);
    await page.keyboard.press('Escape');
    await expect.poll(async () => (await focusedControl(page))?.name).toBe('+ Add cell');
  });
});

/** "+ Add cell" (the one at the end), then arrows down the menu to the kind, then Enter. */
async function addCell(page: Page, label: string): Promise<void> {
  await tabTo(page, named('+ Add cell'));
  await page.keyboard.press('Enter');
  for (let step = 0; step < 20; step++) {
    const control = await focusedControl(page);
    if (control?.name.startsWith(label)) break;
    await page.keyboard.press('ArrowDown');
  }
  expect((await focusedControl(page))?.name).toMatch(new RegExp(`^${label}`));
  await page.keyboard.press('Enter');
}

/** Replaces the focused field's text (the next Tab commits it). */
async function typeAndNoTab(page: Page, text: string): Promise<void> {
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

/** The numbers of a cell's value table, row by row. */
async function matrixNumbers(page: Page, cellId: string): Promise<number[]> {
  const cells = page.locator(`cb-cell[data-cell-id="${cellId}"] cb-matrix td`);
  const texts = await cells.allTextContents();
  return texts.map((t) => Number(t.replace('−', '-').trim()));
}
