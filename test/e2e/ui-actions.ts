import type { Locator, Page } from 'playwright-core';
import { pictureOf, readCanvases } from './canvas-pixels';

/** What a person does in the notebook, expressed through the agreed DOM hooks only. */

/** A toolbar button by its accessible name ("Undo", "Export", "Share link", …). */
export function toolbarButton(page: Page, name: string): Locator {
  return page.getByRole('button', { name, exact: true });
}

/** The number input of one kernel weight, e.g. `weightInput(kernelCell, 1, 1)`. */
export function weightInput(kernelCell: Locator, row: number, column: number): Locator {
  return kernelCell.getByLabel(`weight row ${row}, column ${column}`, { exact: true });
}

/**
 * Types a value into an input and leaves the field, as a person does: the editors commit on `change`,
 * which fires when focus leaves a field whose value changed.
 */
export async function typeValue(page: Page, input: Locator, value: number): Promise<void> {
  await input.fill(String(value));
  await blurFocused(page);
}

/** Blurs whatever has focus, following open shadow roots down to the real element. */
export async function blurFocused(page: Page): Promise<void> {
  await page.evaluate(() => {
    let focused = document.activeElement;
    while (focused?.shadowRoot?.activeElement) focused = focused.shadowRoot.activeElement;
    if (focused instanceof HTMLElement) focused.blur();
  });
}

/** The pictures of several cells at once, keyed by cell id (a cell without canvases maps to ''). */
export async function picturesOf(page: Page, ids: readonly string[]): Promise<Map<string, string>> {
  const pictures = new Map<string, string>();
  for (const id of ids) {
    pictures.set(id, pictureOf(await readCanvases(page.locator(`cb-cell[data-cell-id="${id}"]`))));
  }
  return pictures;
}

/** The texts of every visible role=alert, for asserting what an error told the user. */
export async function alertTexts(page: Page): Promise<string[]> {
  const alerts = page.getByRole('alert');
  const texts: string[] = [];
  for (let index = 0; index < (await alerts.count()); index++) {
    texts.push(((await alerts.nth(index).textContent()) ?? '').replace(/\s+/g, ' ').trim());
  }
  return texts;
}
