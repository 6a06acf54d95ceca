import { beforeAll, describe, expect, it } from 'vitest';
import { getKernels } from '../backend/active-kernels';
import { WasmWorkspace } from '../backend/wasm-workspace';
import { createRandom } from '../random';
import { ready } from '../ready';
import { expectAllClose } from '../testing/gradient-check';
import { softmaxCrossEntropyBatch } from './softmax-batch';
import { NativeSoftmaxLoss } from './softmax-native';

// The fused WASM softmax cross-entropy against the TypeScript reference (softmax-batch.ts), against
// central differences of its own loss, and at the edges: huge scores, NaN and infinities, bad labels.

let workspace: WasmWorkspace;
beforeAll(async () => {
  await ready();
  const native = getKernels().native;
  if (native === undefined) throw new Error('these tests need the WASM kernels');
  workspace = new WasmWorkspace(native);
});

function native(classes: number, batch: number): NativeSoftmaxLoss {
  return new NativeSoftmaxLoss(workspace, classes, batch);
}

function randomLogits(count: number, seed: number, scale: number): Float32Array {
  const random = createRandom(seed);
  return Float32Array.from({ length: count }, () => (random() * 2 - 1) * scale);
}

describe('softmax cross-entropy on the WASM kernels', () => {
  it('equals the reference loss, correct count and gradient on random batches', () => {
    for (const [batch, classes, scale, seed] of [
      [1, 2, 1, 1],
      [7, 10, 5, 2],
      [20, 10, 40, 3],
      [5, 13, 0.01, 4],
    ] as const) {
      const logits = randomLogits(batch * classes, seed, scale);
      const random = createRandom(seed + 10);
      const labels = Array.from({ length: batch }, () => Math.floor(random() * classes));
      const meanOver = batch + 3;
      const expectedGrad = new Float32Array(batch * classes);
      const expected = softmaxCrossEntropyBatch(
        logits,
        labels,
        batch,
        classes,
        expectedGrad,
        undefined,
        meanOver,
      );
      const grad = new Float32Array(batch * classes);
      const result = native(classes, batch).run(logits, labels, batch, meanOver, grad);
      expect(result.lossSum).toBeCloseTo(expected.loss * batch, 10);
      expect(result.correct).toBe(expected.correct);
      expectAllClose(grad, expectedGrad, 1e-6);
    }
  });

  it('worked by hand: equal scores cost log(classes) each, ties go to the lowest class', () => {
    const grad = new Float32Array(6);
    const result = native(3, 2).run(new Float32Array(6), [0, 2], 2, 2, grad);
    expect(result.lossSum).toBeCloseTo(2 * Math.log(3), 12);
    expect(result.correct).toBe(1);
    expectAllClose(grad, [(1 / 3 - 1) / 2, 1 / 6, 1 / 6, 1 / 6, 1 / 6, (1 / 3 - 1) / 2], 1e-7);
  });

  it('its gradient matches central differences of its own loss', () => {
    const classes = 6;
    const batch = 3;
    const logits = randomLogits(batch * classes, 8, 3);
    const labels = [1, 5, 0];
    const loss = native(classes, batch);
    const grad = new Float32Array(batch * classes);
    loss.run(logits, labels, batch, batch, grad);
    const scratch = new Float32Array(batch * classes);
    for (let k = 0; k < logits.length; k++) {
      const moved = Float32Array.from(logits);
      moved[k] = (logits[k] as number) + 1e-2;
      const up = loss.run(moved, labels, batch, batch, scratch).lossSum;
      const plus = moved[k] as number;
      moved[k] = (logits[k] as number) - 1e-2;
      const down = loss.run(moved, labels, batch, batch, scratch).lossSum;
      const numeric = (up - down) / (plus - (moved[k] as number)) / batch;
      expect(grad[k]).toBeCloseTo(numeric, 4);
    }
  });

  it('stays finite for scores near the float32 limit (shifted by the row maximum)', () => {
    const logits = Float32Array.of(3e38, -3e38, 2.9e38, 1e38);
    const grad = new Float32Array(4);
    const result = native(4, 1).run(logits, [2], 1, 1, grad);
    const expected = softmaxCrossEntropyBatch(logits, [2], 1, 4, new Float32Array(4));
    expect(Number.isFinite(result.lossSum)).toBe(true);
    expect(result.lossSum).toBeCloseTo(expected.loss, 6);
    expect(grad.every(Number.isFinite)).toBe(true);
    expectAllClose(grad, [1, 0, -1, 0], 1e-6);
  });

  it('a NaN or infinite score makes its row NaN as in the reference, other rows untouched', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      const logits = Float32Array.of(1, bad, 0, 0.5, -1, 2);
      const expectedGrad = new Float32Array(6);
      const expected = softmaxCrossEntropyBatch(logits, [0, 2], 2, 3, expectedGrad);
      const grad = new Float32Array(6);
      const result = native(3, 2).run(logits, [0, 2], 2, 2, grad);
      expect(Number.isNaN(result.lossSum)).toBe(Number.isNaN(expected.loss));
      if (!Number.isNaN(expected.loss)) expect(result.lossSum).toBeCloseTo(expected.loss * 2, 10);
      for (let k = 0; k < 6; k++) {
        if (Number.isNaN(expectedGrad[k] as number)) expect(grad[k]).toBeNaN();
        else expect(grad[k]).toBeCloseTo(expectedGrad[k] as number, 6);
      }
      expect(grad.subarray(3).every(Number.isFinite)).toBe(true);
    }
  });

  it('refuses labels that are not classes, naming the example', () => {
    const loss = native(3, 2);
    const grad = new Float32Array(6);
    expect(() => loss.run(new Float32Array(6), [0, 3], 2, 2, grad)).toThrow(/label 3 of example 1/);
    expect(() => loss.run(new Float32Array(6), [-1, 0], 2, 2, grad)).toThrow(/label -1 of example 0/);
    expect(() => loss.run(new Float32Array(6), [0.5, 0], 2, 2, grad)).toThrow(/from 0 to 2/);
  });
});
