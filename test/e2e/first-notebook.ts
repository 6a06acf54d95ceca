import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { waitForIdle } from './browser';
import { focusedControl, named, tabTo, typeAndTab } from './keyboard-nav';

/**
 * The README's "your first notebook", step by step with the keyboard alone (Tab, Enter, arrows, typing):
 * a 3×4 input and a 2×2 kernel with no padding, which give the 2×3 map worked by hand in the lecture,
 *   x = 1 2 0 1 / 0 1 3 1 / 2 1 0 1,  k = 1 0 / 0 −1,  y[i][j] = x[i][j] − x[i+1][j+1]
 *   y = 0 −1 −1 / −1 1 2.
 * Every Tab stop on the way must draw a visible focus ring (tabTo checks it).
 */

export const FIRST_PIXELS = [1, 2, 0, 1, 0, 1, 3, 1, 2, 1, 0, 1];
export const FIRST_WEIGHTS = [1, 0, 0, -1];
/** Worked by hand from the formula above, not computed by the app. */
export const FIRST_MAP = [0, -1, -1, -1, 1, 2];

export interface FirstNotebookSteps {
  /** Called after each README step (1-based), e.g. to take its screenshot. */
  readonly after?: (step: number) => Promise<void>;
}

export async function buildFirstNotebook(page: Page, { after }: FirstNotebookSteps = {}): Promise<void> {
  await tabTo(page, named('New notebook'));
  await page.keyboard.press('Enter');
  await expect.poll(() => page.locator('cb-cell').count()).toBe(0);
  await tabTo(page, named('Notebook title'), { backwards: true });
  await typeAndTab(page, 'My first convolution');
  await after?.(1);

  await addCell(page, 'Image');
  await expect.poll(async () => (await focusedControl(page))?.cellId).toBe('image1');
  await tabTo(page, named('Sample', 'image1'));
  await page.keyboard.type('Typed');
  await tabTo(page, named('Rows', 'image1'));
  await typeAndTab(page, '3'); // focus moves on to Columns
  await typeAndTab(page, '4');
  await waitForIdle(page);
  await typeEach(page, named('pixel row 1, column 1', 'image1'), FIRST_PIXELS);
  await after?.(2);

  await addCell(page, 'Kernel');
  await expect.poll(async () => (await focusedControl(page))?.cellId).toBe('kernel1');
  await tabTo(page, named('Weights from', 'kernel1'));
  await page.keyboard.type('Custom');
  await waitForIdle(page);
  for (const side of ['Rows', 'Columns']) {
    await tabTo(page, named(side, 'kernel1'));
    await typeAndTab(page, '2');
    await waitForIdle(page);
  }
  await typeEach(page, named('weight row 1, column 1', 'kernel1'), FIRST_WEIGHTS);
  await after?.(3);

  await addCell(page, 'Convolution');
  await waitForIdle(page);
  await after?.(4);
}

/** "+ Add cell" (the one at the end), then arrows down the menu to the kind, then Enter. */
export async function addCell(page: Page, label: string): Promise<void> {
  await tabTo(page, named('+ Add cell'));
  await page.keyboard.press('Enter');
  for (let step = 0; step < 20; step++) {
    if ((await focusedControl(page))?.name.startsWith(label)) break;
    await page.keyboard.press('ArrowDown');
  }
  expect((await focusedControl(page))?.name).toMatch(new RegExp(`^${label}`));
  await page.keyboard.press('Enter');
}

/** Tabs to the first field, then types one value per field, Tab committing each and moving on. */
async function typeEach(page: Page, first: Parameters<typeof tabTo>[1], values: readonly number[]) {
  await tabTo(page, first);
  for (const value of values) await typeAndTab(page, String(value));
  await waitForIdle(page);
}

/** The numbers of a cell's value table, row by row. */
export async function matrixNumbers(page: Page, cellId: string): Promise<number[]> {
  const texts = await page.locator(`cb-cell[data-cell-id="${cellId}"] cb-matrix td`).allTextContents();
  return texts.map((t) => Number(t.replace('−', '-').trim()));
}
