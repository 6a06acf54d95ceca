import { conv2d, pool2d, Tensor } from '@convbook/core';
import { describe, expect, it } from 'vitest';
import {
  convMaxPad,
  describeWindowMisfit,
  findWindowMisfit,
  poolMaxPad,
  type WindowOnInput,
} from './window-fit';

type Pair = readonly [number, number];

const convWindow = (input: Pair, window: Pair, more: Partial<WindowOnInput> = {}): WindowOnInput => ({
  input,
  window,
  dilation: [1, 1],
  stride: [1, 1],
  padding: 'valid',
  maxPad: convMaxPad(input, 'zeros'),
  ...more,
});

function conv(w: WindowOnInput) {
  const misfit = findWindowMisfit(w);
  return misfit && describeWindowMisfit('kernel', w, misfit);
}

describe('window fit', () => {
  it('says which way a kernel is too big for its input and how to give it room (the lecture case)', () => {
    // Rows = 5 on k2 over the 3×4 grid: 5 > 3 rows; 2 ≤ 4 columns. 2p ≥ 5 − 3 gives padding 1.
    expect(conv(convWindow([3, 4], [5, 2]))).toBe(
      'the kernel (5×2) is taller than the input (3×4, no padding), so there is no position where it fits. ' +
        "To fix it, set the kernel's Rows to at most 3, or set Padding to 'same' or to at least 1.",
    );
  });

  it('counts the padding already there and both axes', () => {
    // 7×9 on 4×4 with padding 1: padded 6×6, so at most 6 rows and 6 columns; 2p ≥ 9 − 4 gives 3.
    expect(conv(convWindow([4, 4], [7, 9], { padding: 1 }))).toBe(
      'the kernel (7×9) is taller and wider than the padded input (6×6: 4×4 with padding 1), so there is ' +
        "no position where it fits. To fix it, set the kernel's Rows to at most 6 and Columns to at most 6, " +
        "or set Padding to 'same' or to at least 3.",
    );
  });

  it('reckons with dilation: the span, the largest kernel and the largest dilation that fit', () => {
    // 3×3 dilated 3 spans 7×7 on 5×5: at most ⌊4/3⌋ + 1 = 2 taps a side, dilation ⌊4/2⌋ = 2, 2p ≥ 2 → 1.
    expect(conv(convWindow([5, 5], [3, 3], { dilation: [3, 3] }))).toBe(
      'the kernel (3×3, dilated to span 7×7) is taller and wider than the input (5×5, no padding), so ' +
        "there is no position where it fits. To fix it, set the kernel's Rows to at most 2 and Columns to " +
        "at most 2, set Dilation to at most 2, or set Padding to 'same' or to at least 1.",
    );
  });

  it('ignores stride, which changes how often a window fits but not whether', () => {
    expect(conv(convWindow([3, 4], [3, 4], { stride: [5, 5] }))).toBeUndefined();
    expect(conv(convWindow([3, 4], [4, 4], { stride: [5, 5] }))).toMatch(/^the kernel \(4×4\) is taller/);
  });

  it('offers no padding reflect cannot make: 9 rows on 2 would need 4 a side, reflect allows 1', () => {
    const w = convWindow([2, 8], [9, 1], { maxPad: convMaxPad([2, 8], 'reflect') });
    expect(conv(w)).toBe(
      'the kernel (9×1) is taller than the input (2×8, no padding), so there is no position where it ' +
        "fits. To fix it, set the kernel's Rows to at most 2.",
    );
  });

  it('names the pool window field and the largest square window', () => {
    const w: WindowOnInput = {
      input: [4, 3],
      window: [5, 5],
      dilation: [1, 1],
      stride: [5, 5],
      padding: 'valid',
      maxPad: poolMaxPad([5, 5]),
    };
    const misfit = findWindowMisfit(w);
    expect(misfit && describeWindowMisfit('window', w, misfit)).toBe(
      'the window (5×5) is taller and wider than the input (4×3, no padding), so there is no position ' +
        "where it fits. To fix it, set Window to at most 3, or set Padding to 'same' or to at least 1.",
    );
  });

  it("leaves 'same' and 'full' padding alone: they always make room", () => {
    expect(conv(convWindow([3, 4], [9, 9], { padding: 'same' }))).toBeUndefined();
    expect(conv(convWindow([3, 4], [9, 9], { padding: 'full' }))).toBeUndefined();
  });

  it('agrees with core, and every fix it offers works there', () => {
    const input = (h: number, w: number) => new Tensor([1, h, w], new Float32Array(h * w).fill(1));
    const kernel = (h: number, w: number) => new Tensor([1, 1, h, w], new Float32Array(h * w).fill(1));
    let misfits = 0;
    for (const [h, w] of [
      [1, 1],
      [2, 5],
      [4, 3],
    ] as const)
      for (const [kh, kw] of [
        [1, 1],
        [3, 2],
        [6, 6],
      ] as const)
        for (const d of [1, 2])
          for (const padding of [0, 1, [2, 0]] as const)
            for (const mode of ['zeros', 'reflect', 'circular'] as const) {
              const on = convWindow([h, w], [kh, kw], {
                dilation: [d, d],
                padding,
                maxPad: convMaxPad([h, w], mode),
              });
              const run =
                (options: object, size: Pair = [kh, kw]) =>
                () =>
                  conv2d(input(h, w), kernel(...size), {
                    dilation: d,
                    padding,
                    paddingMode: mode,
                    ...options,
                  });
              const misfit = findWindowMisfit(on);
              if (misfit === undefined) {
                expect(run({})).not.toThrow(/but the padded input is/);
                continue;
              }
              misfits++;
              expect(run({})).toThrow(/but the padded input is/);
              // A smaller kernel or dilation keeps the padding, which may break another rule (reflect's).
              const { top, left } = misfit.pads;
              if (top <= on.maxPad[0] && left <= on.maxPad[1]) {
                expect(run({}, misfit.largestWindow)).not.toThrow();
                if (misfit.largestDilation !== undefined)
                  expect(run({ dilation: misfit.largestDilation })).not.toThrow();
              }
              if (misfit.padding !== undefined) expect(run({ padding: misfit.padding })).not.toThrow();
              if (misfit.same) expect(run({ padding: 'same' })).not.toThrow();
            }
    expect(misfits).toBeGreaterThan(20);
  });

  it('agrees with core for pools, and every fix it offers works there', () => {
    let misfits = 0;
    for (const [h, w] of [
      [1, 1],
      [2, 5],
      [4, 3],
    ] as const)
      for (const size of [1, 2, 3, 6])
        for (const padding of [0, 1, 2] as const) {
          const on: WindowOnInput = {
            input: [h, w],
            window: [size, size],
            dilation: [1, 1],
            stride: [size, size],
            padding,
            maxPad: poolMaxPad([size, size]),
          };
          const run = (options: object) => () =>
            pool2d(new Tensor([1, h, w]), { kind: 'max', size, padding, ...options });
          const misfit = findWindowMisfit(on);
          if (misfit === undefined) {
            expect(run({})).not.toThrow(/but the padded input is/);
            continue;
          }
          misfits++;
          expect(run({})).toThrow(/but the padded input is/);
          const square = Math.min(...misfit.largestWindow);
          // A smaller window keeps the padding, which pool allows only below the window's size.
          if (padding < square) expect(run({ size: square })).not.toThrow();
          if (misfit.padding !== undefined) expect(run({ padding: misfit.padding })).not.toThrow();
          if (misfit.same) expect(run({ padding: 'same' })).not.toThrow();
        }
    expect(misfits).toBeGreaterThan(5);
  });
});
