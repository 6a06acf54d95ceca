import { describe, expect, it } from 'vitest';
import { at } from '../at';
import { softmaxCrossEntropy } from '../losses';
import { tensor } from '../tensor';
import { expectAllClose } from '../testing/gradient-check';
import { softmaxCrossEntropyBatch } from './softmax-batch';

describe('softmaxCrossEntropyBatch', () => {
  it('worked by hand: equal scores cost log(classes) and count as the lowest class', () => {
    const grad = new Float32Array(3);
    const result = softmaxCrossEntropyBatch(Float32Array.of(0, 0, 0), [0], 1, 3, grad);
    expect(result.loss).toBeCloseTo(Math.log(3), 6);
    expect(result.correct).toBe(1);
    expectAllClose(grad, [1 / 3 - 1, 1 / 3, 1 / 3], 1e-6);
  });

  it("matches core's per-sample softmaxCrossEntropy, averaged over the batch", () => {
    const logits = Float32Array.of(2, -1, 0.5, 30, 31, -4);
    const labels = [2, 0];
    const grad = new Float32Array(6);
    const probs = new Float32Array(6);
    const batch = softmaxCrossEntropyBatch(logits, labels, 2, 3, grad, probs);
    let loss = 0;
    for (let b = 0; b < 2; b++) {
      const one = softmaxCrossEntropy(tensor(Array.from(logits.subarray(b * 3, b * 3 + 3))), at(labels, b));
      loss += one.loss / 2;
      expectAllClose(
        grad.subarray(b * 3, b * 3 + 3),
        one.gradient.data.map((g) => g / 2),
        1e-6,
      );
      expectAllClose(probs.subarray(b * 3, b * 3 + 3), one.probabilities.data, 1e-6);
    }
    expect(batch.loss).toBeCloseTo(loss, 5);
    expect(batch.correct).toBe(0);
  });
});
