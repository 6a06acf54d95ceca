import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useAppSession } from './app-session';
import { cell, waitForIdle } from './browser';
import { lastOpenNotebook, readStoredRecords } from './stored-notebooks';
import { picturesOf, weightInput } from './ui-actions';

// The kernel editor's two ways of changing weights besides typing: dragging a weight sideways (scrubbing),
// and switching where the weights come from (preset, gaussian, random, typed-in values).

const KERNEL = 'sobelX';
const FED_MAP = 'raw';

/** Presses on `input`'s centre and drags it `dx` pixels sideways in steps, holding Shift if asked. */
async function drag(page: Page, input: Locator, dx: number, shift = false): Promise<void> {
  const box = await input.boundingBox();
  if (!box) throw new Error('the weight field is not on screen');
  const y = box.y + box.height / 2;
  const x = box.x + box.width / 2;
  if (shift) await page.keyboard.down('Shift');
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx, y, { steps: 10 });
  await page.mouse.up();
  if (shift) await page.keyboard.up('Shift');
}

async function storedParams(page: Page): Promise<Readonly<Record<string, unknown>> | undefined> {
  const notebook = lastOpenNotebook(await readStoredRecords(page));
  return notebook?.document.cells.find((c) => c.id === KERNEL)?.params;
}

describe('the kernel editor', () => {
  const session = useAppSession();

  it('scrubs a weight by a hundredth per pixel (Shift: a tenth), saves it and repaints what it feeds', async () => {
    const { page } = session;
    const kernel = cell(page, KERNEL);
    const weight = weightInput(kernel, 1, 1);
    await weight.scrollIntoViewIfNeeded();
    const original = Number(await weight.inputValue());
    const before = (await picturesOf(page, [FED_MAP])).get(FED_MAP);

    await drag(page, weight, 50);
    await expect.poll(async () => Number(await weight.inputValue())).toBeCloseTo(original + 0.5, 6);
    await expect.poll(async () => (await picturesOf(page, [FED_MAP])).get(FED_MAP)).not.toBe(before);
    await waitForIdle(page);
    await expect
      .poll(async () => ((await storedParams(page))?.values as number[][] | undefined)?.[0]?.[0])
      .toBeCloseTo(original + 0.5, 6);

    const scrubbed = Number(await weight.inputValue());
    await drag(page, weight, -20, true);
    await expect.poll(async () => Number(await weight.inputValue())).toBeCloseTo(scrubbed - 2, 6);

    // A press that barely moves is a click: the field takes focus for typing and nothing changes.
    const settled = await weight.inputValue();
    await drag(page, weight, 2);
    expect(await weight.inputValue()).toBe(settled);
  });

  it('switches the weights to a gaussian, a preset and a random bank, each saved as the only source', async () => {
    const { page } = session;
    const kernel = cell(page, KERNEL);
    const source = kernel.getByLabel('Weights from', { exact: true });

    await source.selectOption('gaussian');
    await expect.poll(async () => (await storedParams(page))?.gaussian).toEqual({ size: 5, sigma: 1 });
    expect((await storedParams(page))?.values).toBeUndefined();
    await kernel.getByLabel('Size', { exact: true }).fill('3');
    await kernel.getByLabel('Size', { exact: true }).press('Tab');
    await expect.poll(async () => (await storedParams(page))?.gaussian).toEqual({ size: 3, sigma: 1 });
    await expect.poll(() => weightInput(kernel, 3, 3).count()).toBe(1);
    expect(await weightInput(kernel, 4, 4).count()).toBe(0);

    await source.selectOption('preset');
    const preset = kernel.getByLabel('Preset', { exact: true });
    await expect.poll(async () => typeof (await storedParams(page))?.preset).toBe('string');
    await preset.selectOption({ index: 1 });
    const chosen = await preset.inputValue();
    await expect.poll(async () => (await storedParams(page))?.preset).toBe(chosen);
    expect((await storedParams(page))?.gaussian).toBeUndefined();

    await source.selectOption('random');
    await expect.poll(async () => (await storedParams(page))?.random).toMatchObject({ seed: 1 });
    await waitForIdle(page);
    const first = await weightInput(kernel, 1, 1).inputValue();
    await kernel.getByLabel('Seed', { exact: true }).fill('7');
    await kernel.getByLabel('Seed', { exact: true }).press('Tab');
    await expect.poll(async () => (await storedParams(page))?.random).toMatchObject({ seed: 7 });
    await expect.poll(() => weightInput(kernel, 1, 1).inputValue()).not.toBe(first);

    // Back to typed-in weights: the random bank's numbers (shown rounded) become the cell's own values.
    const shown = await weightInput(kernel, 1, 1).inputValue();
    await source.selectOption('values');
    await expect
      .poll(async () => ((await storedParams(page))?.values as number[][] | undefined)?.[0]?.[0])
      .toBeCloseTo(Number(shown), 4);
    expect((await storedParams(page))?.random).toBeUndefined();
  });
});
