import { describe, expect, it } from 'vitest';
import { useAppSession } from './app-session';
import { cell } from './browser';
import { buildFirstNotebook, FIRST_MAP, matrixNumbers } from './first-notebook';
import { focusedControl, named, tabTo, typeAndTab } from './keyboard-nav';
import { alertTexts } from './ui-actions';

// The README's "first notebook" built with the keyboard alone (see first-notebook.ts), then the keys that
// move between cells, open the sheet and the zoom, delete a cell and close the add-cell menu.

describe('keyboard only', () => {
  const session = useAppSession();

  it('builds the 3×4 * 2×2 notebook and reads the 2×3 numbers', async () => {
    const { page } = session;
    await buildFirstNotebook(page);
    const conv = cell(page, 'conv1');
    await expect(conv.getAttribute('data-status')).resolves.toBe('ok');
    expect(await matrixNumbers(page, 'conv1')).toEqual(FIRST_MAP);
    expect(await conv.locator('cb-matrix table').getAttribute('aria-label')).toMatch(/2×3$/);
    // Step 5: the step-through, opened from the keyboard, shows the first unit's sum worked out.
    await tabTo(page, named('How is each number computed?', 'conv1'));
    await page.keyboard.press('Enter');
    await expect
      .poll(async () =>
        (await conv.locator('cb-unit-explainer').evaluate((e) => e.shadowRoot?.textContent ?? '')).replace(
          /\s+/g,
          ' ',
        ),
      )
      .toContain('1 × 1 + 2 × 0 + 0 × 0 + 1 × (−1) = 0');
  });

  it('refuses a stride of 0 in plain words, marks the field and says which value is in use', async () => {
    const { page } = session;
    await tabTo(page, named('Stride', 'conv1'), { backwards: true });
    await typeAndTab(page, '0');
    const stride = cell(page, 'conv1').getByLabel('Stride');
    await expect.poll(() => stride.getAttribute('aria-invalid')).toBe('true');
    expect(await alertTexts(page)).toContain(
      'Convolution conv1: stride must be a whole number ≥ 1 — got 0. Not applied: still using 1.',
    );
    expect(await matrixNumbers(page, 'conv1')).toEqual(FIRST_MAP);
  });

  it('never leaves a cleared weight blank while another value is used', async () => {
    const { page } = session;
    await tabTo(page, named('weight row 1, column 1', 'kernel1'), { backwards: true });
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    await page.keyboard.press('Tab');
    const weight = cell(page, 'kernel1').getByLabel('weight row 1, column 1', { exact: true });
    await expect.poll(() => weight.inputValue()).toBe('1');
    expect(await alertTexts(page)).toContain(
      'Weight row 1, column 1 was left empty; the old value, 1, is kept.',
    );
    expect(await matrixNumbers(page, 'conv1')).toEqual(FIRST_MAP);
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
    // The kernel cell's own Enlarge shows its filter in the same dialog.
    await tabTo(page, named('Enlarge', 'kernel1'), { backwards: true });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('dialog', { name: /kernel1/i }).count()).toBe(1);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
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
