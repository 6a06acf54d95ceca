import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { cell, waitForIdle } from './browser';
import { lastOpenNotebook, readStoredRecords, storedWeight } from './stored-notebooks';
import { picturesOf, typeValue, weightInput } from './ui-actions';

/**
 * The edit most flows make: the top-left weight (editor row 1, column 1; stored values[0][0]) of the
 * lecture notebook's `sobelX` kernel, which feeds the `raw` feature map.
 */

const KERNEL = 'sobelX';
const FED_MAP = 'raw';

/** The weight as the kernel editor shows it. */
export async function topLeftWeight(page: Page): Promise<number> {
  return Number(await weightInput(cell(page, KERNEL), 1, 1).inputValue());
}

/** Sets the weight and waits until the map it feeds has repainted and every cell has settled. */
export async function editTopLeftWeight(page: Page, value: number): Promise<void> {
  const before = (await picturesOf(page, [FED_MAP])).get(FED_MAP);
  await typeValue(page, weightInput(cell(page, KERNEL), 1, 1), value);
  await expect
    .poll(async () => (await picturesOf(page, [FED_MAP])).get(FED_MAP), { timeout: 10_000 })
    .not.toBe(before);
  await waitForIdle(page);
}

/** The weight as stored for the notebook open last, or undefined while it is not stored (yet). */
export async function storedTopLeftWeight(page: Page): Promise<number | undefined> {
  const notebook = lastOpenNotebook(await readStoredRecords(page));
  if (!notebook) return undefined;
  try {
    return storedWeight(notebook, KERNEL, 0, 0);
  } catch {
    return undefined; // Still the preset: no literal weights stored.
  }
}
