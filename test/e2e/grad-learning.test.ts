import { describe, expect, it } from 'vitest';
import { useAppSession } from './app-session';
import { cell, waitForIdle } from './browser';
import { exportedDocument } from './notebook-actions';
import { alertTexts, blurFocused, typeValue } from './ui-actions';

// The lecture's "learn" cell trains kernel "guess" by gradient descent (150 steps, rate 0.3).
// Apply writes the learned kernel into "guess" as one edit; a too-large rate keeps the curve up to the
// blow-up; a new grad cell shows its training settings before they are set.

type Cells = { id: string; kind: string; params?: Record<string, unknown> }[];

async function paramsOf(page: Parameters<typeof exportedDocument>[0], id: string) {
  const doc = await exportedDocument(page);
  return (doc.cells as Cells).find((c) => c.id === id)?.params;
}

describe('the gradient cell, trained', () => {
  const session = useAppSession();

  it('shows the gradient at the learned kernel, and Apply writes that kernel as one undoable edit', async () => {
    const { page } = session;
    const learn = cell(page, 'learn');
    await learn.scrollIntoViewIfNeeded();
    await waitForIdle(page, 30_000);
    await expect.poll(() => learn.getByText('dLoss/dWeights at the learned kernel').count()).toBe(1);
    await expect.poll(() => learn.getByText('dLoss/dWeights at the starting kernel').count()).toBe(1);
    const before = await paramsOf(page, 'guess');
    expect(before).toEqual({
      values: [
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
      ],
    });

    await learn.getByRole('button', { name: 'Apply to guess' }).click();
    await expect
      .poll(async () => JSON.stringify(await paramsOf(page, 'guess')))
      .not.toBe(JSON.stringify(before));
    const applied = await paramsOf(page, 'guess');
    // Learned from zero towards the target's kernel: some weight moved well away from 0.
    const weights =
      JSON.stringify(applied)
        .match(/-?\d+(\.\d+)?(e-?\d+)?/g)
        ?.map(Number) ?? [];
    expect(Math.max(...weights.map(Math.abs))).toBeGreaterThan(0.1);

    await blurFocused(page);
    await page.keyboard.press('Control+z');
    await expect.poll(async () => paramsOf(page, 'guess')).toEqual(before);
  });

  it('keeps the loss curve up to divergence and says the rate is too large', async () => {
    const { page } = session;
    const learn = cell(page, 'learn');
    await typeValue(page, learn.getByLabel('Learning rate'), 900);
    await waitForIdle(page, 30_000);
    await expect
      .poll(async () => (await alertTexts(page)).join('\n'))
      .toMatch(/Training stopped: the loss became/);
    expect((await alertTexts(page)).join('\n')).toContain('the learning rate 900 is too large');
    await expect.poll(() => learn.getByRole('img', { name: /^Loss curve over \d+ steps/ }).count()).toBe(1);
    await expect(learn.getAttribute('data-status')).resolves.toBe('ok');
  });

  it('draws steps and learning rate on a grad cell that has no training yet', async () => {
    const { page } = session;
    const gradient = cell(page, 'gradient');
    await gradient.scrollIntoViewIfNeeded();
    await expect.poll(() => gradient.getByLabel('Steps').count()).toBe(1);
    await expect(gradient.getByLabel('Learning rate').getAttribute('placeholder')).resolves.toBe('0.1');
    await typeValue(page, gradient.getByLabel('Steps'), 20);
    await expect
      .poll(async () => (await paramsOf(page, 'gradient'))?.train)
      .toEqual({
        steps: 20,
        learningRate: 0.1,
      });
  });
});
