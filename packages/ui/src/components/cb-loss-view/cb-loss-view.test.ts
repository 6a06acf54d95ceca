// @vitest-environment happy-dom
import { type LossResult, meanSquaredError, softmaxCrossEntropy, Tensor } from '@convbook/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { CbLossView } from './cb-loss-view';
import './cb-loss-view';

async function show(result: LossResult): Promise<ShadowRoot> {
  const view = document.createElement('cb-loss-view') as CbLossView;
  view.value = { type: 'loss', ...result };
  document.body.append(view);
  await view.updateComplete;
  return view.shadowRoot as ShadowRoot;
}

const headings = (root: ShadowRoot) => [...root.querySelectorAll('h4')].map((h) => h.textContent);

afterEach(() => document.body.replaceChildren());

describe('cb-loss-view', () => {
  it('shows where a squared error comes from, element by element, and its gradient', async () => {
    const prediction = new Tensor([2, 2], new Float32Array([1, 0, 0, 1]));
    const target = new Tensor([2, 2], new Float32Array([0, 0, 0, 1]));
    const root = await show(meanSquaredError(prediction, target));
    expect(headings(root)).toEqual(['Error per element', 'Gradient dLoss/dPrediction']);
    expect(root.querySelectorAll('cb-feature-map')).toHaveLength(2);
  });

  it('leaves out the error map of one example: its one value is the loss shown above it', async () => {
    const logits = new Tensor([10], new Float32Array([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
    const root = await show(softmaxCrossEntropy(logits, 5));
    expect(headings(root)).toEqual(['Gradient dLoss/dPrediction']);
    expect(root.querySelectorAll('cb-feature-map')).toHaveLength(1);
  });
});
