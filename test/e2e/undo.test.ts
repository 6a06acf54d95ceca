import { describe, expect, it } from 'vitest';
import { useAppSession } from './app-session';
import { cell, cellIds, waitForIdle } from './browser';
import { blurFocused, picturesOf, typeValue, weightInput } from './ui-actions';

// Flow 7: Ctrl+Z takes back a weight edit and a cell deletion; Ctrl+Shift+Z puts them back.

describe('undo and redo', () => {
  const session = useAppSession();

  it('undoes and redoes a weight edit, in the editor and in the maps it feeds', async () => {
    const { page } = session;
    // Checking the downstream picture as well as the field: Chromium's own text-field undo can put the
    // old number back in the input without the notebook ever hearing of it.
    const weight = weightInput(cell(page, 'sobelX'), 1, 1);
    const original = Number(await weight.inputValue());
    const [pictureBefore] = (await picturesOf(page, ['raw'])).values();
    await typeValue(page, weight, original + 5);
    await expect.poll(async () => (await picturesOf(page, ['raw'])).get('raw')).not.toBe(pictureBefore);
    await waitForIdle(page);
    const [pictureEdited] = (await picturesOf(page, ['raw'])).values();

    await page.keyboard.press('Control+z');
    await expect.poll(async () => Number(await weight.inputValue()), { timeout: 5_000 }).toBe(original);
    await expect.poll(async () => (await picturesOf(page, ['raw'])).get('raw')).toBe(pictureBefore);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(async () => Number(await weight.inputValue()), { timeout: 5_000 }).toBe(original + 5);
    await expect.poll(async () => (await picturesOf(page, ['raw'])).get('raw')).toBe(pictureEdited);
  });

  it('undoes and redoes deleting a cell', async () => {
    const { page } = session;
    const before = await cellIds(page);
    const doomed = cell(page, 'smooth');
    await doomed.locator('summary').first().click();
    await doomed.getByRole('button', { name: 'Delete', exact: true }).click();
    await expect
      .poll(() => cellIds(page), { timeout: 5_000 })
      .toEqual(before.filter((id) => id !== 'smooth'));

    await blurFocused(page);
    await page.keyboard.press('Control+z');
    await expect.poll(() => cellIds(page), { timeout: 5_000 }).toEqual(before);
    await waitForIdle(page);
    await page.keyboard.press('Control+Shift+z');
    await expect
      .poll(() => cellIds(page), { timeout: 5_000 })
      .toEqual(before.filter((id) => id !== 'smooth'));
  });
});
