import { knownPlaneRanges, ready, rememberPlaneRanges, Tensor } from '@convbook/core';
import { describe, expect, it } from 'vitest';
import { changedPlanes, replacePlanes, takePlanes } from './channel-planes';

const planes = (values: number[][]): Tensor =>
  new Tensor([values.length, 1, values[0]?.length ?? 0], Float32Array.from(values.flat()));

describe('channel planes', () => {
  const base = planes([
    [1, 2],
    [3, 4],
    [5, 6],
    [7, 8],
  ]);

  it('finds the planes whose bits differ: -0 against 0 counts, one NaN against the same NaN does not', () => {
    const other = planes([
      [1, 2],
      [3, -0],
      [5, 6],
      [7, 9],
    ]);
    expect(changedPlanes(base, other)).toEqual([1, 3]);
    const zeros = planes([[0, Number.NaN]]);
    expect(changedPlanes(zeros, planes([[-0, Number.NaN]]))).toEqual([0]);
    expect(changedPlanes(zeros, planes([[0, Number.NaN]]))).toEqual([]);
  });

  it('takes adjacent planes as a view and others as a copy, in the order asked', () => {
    const view = takePlanes(base, [1, 2]);
    expect(view.shape).toEqual([2, 1, 2]);
    expect(view.data.buffer).toBe(base.data.buffer);
    expect([...view.data]).toEqual([3, 4, 5, 6]);
    const gathered = takePlanes(base, [0, 3]);
    expect(gathered.data.buffer).not.toBe(base.data.buffer);
    expect([...gathered.data]).toEqual([1, 2, 7, 8]);
  });

  it('puts fresh planes among the old ones in a new tensor, the old one untouched', () => {
    const out = replacePlanes(
      base,
      [0, 2],
      planes([
        [10, 20],
        [50, 60],
      ]),
    );
    expect([...out.data]).toEqual([10, 20, 3, 4, 50, 60, 7, 8]);
    expect([...base.data]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect([...replacePlanes(base, [3], planes([[70, 80]])).data]).toEqual([1, 2, 3, 4, 5, 6, 70, 80]);
  });

  it('compares a tensor made from another only on the planes replaced, and still by their bits', () => {
    const out = replacePlanes(
      base,
      [1, 3],
      planes([
        [3, 4],
        [0, 8],
      ]),
    );
    expect(changedPlanes(base, out)).toEqual([3]); // plane 1 was replaced by the same values
    const unrelated = planes([
      [1, 2],
      [3, 4],
      [0, 0],
      [7, 8],
    ]);
    expect(changedPlanes(unrelated, out)).toEqual([2, 3]); // made from another tensor: every plane read
  });

  it("keeps the plane ranges known for the old map (core's plane-ranges.ts), measuring fresh planes if need be", async () => {
    await ready(); // the fresh planes are measured with the WASM kernels
    const range = (min: number, max: number, nonFinite = 0) => ({ min, max, nonFinite });
    const before = planes([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const fresh = planes([[Number.NaN, -9]]);
    expect(knownPlaneRanges(replacePlanes(before, [1], fresh).data, 2)).toBeUndefined(); // none known before
    rememberPlaneRanges(before.data, 2, [range(1, 2), range(3, 4), range(5, 6)]);
    const out = replacePlanes(before, [1], fresh);
    expect(knownPlaneRanges(out.data, 2)).toEqual([range(1, 2), range(-9, -9, 1), range(5, 6)]);
    // Known fresh ranges are taken as they are (here deliberately not the values' own, to show it).
    rememberPlaneRanges(fresh.data, 2, [range(-1, 1)]);
    expect(knownPlaneRanges(replacePlanes(before, [2], fresh).data, 2)).toEqual([
      range(1, 2),
      range(3, 4),
      range(-1, 1),
    ]);
  });
});
