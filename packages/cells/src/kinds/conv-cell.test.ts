import { Tensor } from '@convbook/core';
import { describe, expect, it } from 'vitest';
import type { CellValue } from '../cell-value';
import { convCell } from './conv-cell';
import { kernelCell } from './kernel-cell';
import { rounded, runKind, tensorOf, tensorValue } from './run-kind.test-helper';

// The lecture notes' shape example: a 3×4 input and a 2×2 kernel give a 2×3 feature map.
const input = tensorValue([
  [1, 2, 0, 1],
  [4, 1, 5, 2],
  [0, 3, 1, 1],
]);
const kernel = (params: Record<string, unknown>): Promise<CellValue> => runKind(kernelCell, params);

describe('conv cell', () => {
  it('says in plain words when the kernel is taller than the input, and how to fix it', async () => {
    // The lecture's k2 with Rows set to 5, over the 3×4 input: 5 rows cannot fit in 3.
    const tall = await kernel({
      values: [
        [1, 0],
        [0, -1],
        [0, 0],
        [0, 0],
        [0, 0],
      ],
    });
    await expect(runKind(convCell, {}, { input, kernel: tall })).rejects.toThrow(
      'the kernel (5×2) is taller than the input (3×4, no padding), so there is no position where it fits. ' +
        "To fix it, set the kernel's Rows to at most 3, or set Padding to 'same' or to at least 1.",
    );
  });

  it('refuses an output beyond the size limit before allocating it', async () => {
    // 200 kernels over a 2000×2000 picture: 800 million output values (3.2 GB) would freeze the tab.
    const bank = await kernel({ random: { shape: [200, 1, 1, 1], seed: 1 } });
    const picture: CellValue = { type: 'tensor', tensor: new Tensor([1, 2000, 2000]) };
    await expect(runKind(convCell, {}, { input: picture, kernel: bank })).rejects.toThrow(
      'output would be 200×2000×2000 = 800000000 values, the limit is 50331648: downscale the input, use a larger stride, or fewer kernels',
    );
  });

  it('slides the kernel without flipping by default and adds the bias (worked by hand)', async () => {
    const k = await kernel({
      values: [
        [1, -1],
        [2, 0],
      ],
      bias: [0.5],
    });
    // out[i][j] = x[i][j] − x[i][j+1] + 2·x[i+1][j], plus 0.5
    const out = tensorOf(await runKind(convCell, {}, { input, kernel: k }));
    expect(out.toArray()).toEqual([
      [
        [7.5, 4.5, 9.5],
        [3.5, 2.5, 5.5],
      ],
    ]);
  });

  it('flips the kernel for a true convolution and applies the activation', async () => {
    const k = await kernel({
      values: [
        [1, -1],
        [2, 0],
      ],
      bias: [-2],
    });
    // Flipped kernel [[0, 2], [−1, 1]] gives [[1, 4, −1], [5, 8, 4]]; minus 2, then relu.
    const out = tensorOf(await runKind(convCell, { flip: true, activation: 'relu' }, { input, kernel: k }));
    expect(out.toArray()).toEqual([
      [
        [0, 2, 0],
        [3, 6, 2],
      ],
    ]);
  });

  it('keeps the size with same padding and halves it with stride 2', async () => {
    const k = await kernel({ preset: 'identity' });
    const same = tensorOf(await runKind(convCell, { padding: 'same' }, { input, kernel: k }));
    expect(rounded(same)).toEqual(rounded(tensorOf(input)));
    // 'same' at stride 2 gives ceil(3/2)×ceil(4/2) = 2×2 and pads rows 1 top / 1 bottom, columns 0 left /
    // 1 right, so the identity kernel reads rows 0, 2 and columns 1, 3.
    const strided = tensorOf(await runKind(convCell, { padding: 'same', stride: 2 }, { input, kernel: k }));
    expect(strided.toArray()).toEqual([
      [
        [2, 1],
        [3, 1],
      ],
    ]);
  });

  it('broadcasts a one-channel kernel over every input channel and sums', async () => {
    const rgb = tensorValue([[[1, 2]], [[10, 20]], [[100, 200]]]);
    const out = tensorOf(
      await runKind(convCell, {}, { input: rgb, kernel: await kernel({ values: [[1]] }) }),
    );
    expect(out.toArray()).toEqual([[[111, 222]]]);
  });

  it('refuses a kernel bank whose channels do not match the input', async () => {
    const k = await kernel({ random: { shape: [1, 2, 1, 1], seed: 3 } });
    await expect(runKind(convCell, {}, { input, kernel: k })).rejects.toThrow(
      'kernel has 2 channels but the input has 1',
    );
  });
});
