import { at } from '@convbook/core';
import { describe, expect, it } from 'vitest';
import type { CellValue } from '../cell-value';
import { convCell } from '../kinds/conv-cell';
import { kernelCell } from '../kinds/kernel-cell';
import { poolCell } from '../kinds/pool-cell';
import { runKind, tensorOf, tensorValue } from '../kinds/run-kind.test-helper';
import { explainCellUnit } from './explain-cell-unit';

const grid = tensorValue([
  [1, 2, 0, 1],
  [0, 1, 3, 1],
  [2, 1, 0, 1],
]);

describe('explainCellUnit', () => {
  it('uses the conv cell defaults (valid, no flip) and the kernel cell bias', async () => {
    const kernel = await runKind(kernelCell, {
      values: [
        [1, 0],
        [0, -1],
      ],
      bias: [0.5],
    });
    const result = explainCellUnit({ kind: 'conv' }, { input: grid, kernel }, { channel: 0, y: 1, x: 2 });
    if (!result.ok || result.breakdown.kind !== 'conv') throw new Error('expected a conv breakdown');
    // 3·1 + 1·0 + 0·0 + 1·(−1) = 2, plus 0.5
    expect(result.breakdown).toMatchObject({
      outHeight: 2,
      outWidth: 3,
      sum: 2,
      bias: 0.5,
      value: 2.5,
      flipped: false,
    });
  });

  it('agrees with the computed map on every unit, one-channel kernel broadcast over RGB', async () => {
    const rgb = tensorValue([
      [
        [1, 2, 3],
        [4, 5, 6],
        [7, 8, 9],
      ],
      [
        [0, 1, 0],
        [1, 0, 1],
        [0, 1, 0],
      ],
      [
        [2, 2, 2],
        [0, 0, 0],
        [-1, -1, -1],
      ],
    ]);
    const kernel = await runKind(kernelCell, { preset: 'sobel-x', bias: [-1] });
    const params = { padding: 'same', stride: 2, flip: true, activation: 'relu' };
    const map = tensorOf(await runKind(convCell, params, { input: rgb, kernel }));
    const [, outH, outW] = map.shape as [number, number, number];
    for (let y = 0; y < outH; y++) {
      for (let x = 0; x < outW; x++) {
        const result = explainCellUnit(
          { kind: 'conv', params },
          { input: rgb, kernel },
          { channel: 0, y, x },
        );
        if (!result.ok || result.breakdown.kind !== 'conv') throw new Error('expected a conv breakdown');
        expect(result.breakdown.value).toBeCloseTo(at(map.data, y * outW + x), 5);
        expect(result.breakdown.broadcastChannels).toBe(3);
        expect(result.breakdown.taps).toHaveLength(27);
      }
    }
  });

  it('explains a pool unit with the stride defaulting to the window', async () => {
    const map = tensorOf(await runKind(poolCell, { kind: 'avg', size: 2 }, { input: grid }));
    const result = explainCellUnit(
      { kind: 'pool', params: { kind: 'avg', size: 2 } },
      { input: grid },
      { channel: 0, y: 0, x: 1 },
    );
    if (!result.ok || result.breakdown.kind !== 'pool') throw new Error('expected a pool breakdown');
    expect(result.breakdown.value).toBe(map.data[1]);
    expect(result.breakdown.value).toBe((0 + 1 + 3 + 1) / 4);
  });

  it('says why when there is nothing to explain', () => {
    const missing: CellValue | undefined = undefined;
    expect(explainCellUnit({ kind: 'loss' }, {}, { channel: 0, y: 0, x: 0 })).toEqual({
      ok: false,
      reason: 'a loss cell has no sliding window',
    });
    expect(explainCellUnit({ kind: 'conv' }, { input: missing }, { channel: 0, y: 0, x: 0 })).toEqual({
      ok: false,
      reason: 'the input has no value yet',
    });
    expect(
      explainCellUnit({ kind: 'pool', params: { size: 0 } }, { input: grid }, { channel: 0, y: 0, x: 0 }),
    ).toEqual({
      ok: false,
      reason: 'the pool settings are not valid (size: must be an integer >= 1, got 0)',
    });
  });
});
