import { describe, expect, it } from 'vitest';
import { at } from './at';
import { gaussianKernel, gaussianKernel1d, kernelPresets, presetKernel, randomKernel } from './kernels';

const sum = (data: Float32Array): number => data.reduce((s, x) => s + x, 0);

describe('gaussian kernels', () => {
  it('1-D size 3, sigma 1: weights proportional to e^-1/2, 1, e^-1/2', () => {
    const k = gaussianKernel1d(3, 1);
    const e = Math.exp(-0.5);
    expect(k.shape).toEqual([1, 1, 1, 3]);
    expect(k.data[0]).toBeCloseTo(e / (1 + 2 * e), 6);
    expect(k.data[1]).toBeCloseTo(1 / (1 + 2 * e), 6);
    expect(k.data[2]).toBeCloseTo(e / (1 + 2 * e), 6);
  });

  it('2-D kernel sums to 1, is symmetric, peaks in the middle', () => {
    const k = gaussianKernel(5, 1.2);
    expect(k.shape).toEqual([1, 1, 5, 5]);
    expect(sum(k.data)).toBeCloseTo(1, 5);
    expect(k.data[0]).toBeCloseTo(at(k.data, 24), 7);
    expect(k.data[1]).toBeCloseTo(at(k.data, 5), 7);
    expect(Math.max(...k.data)).toBe(k.data[12]);
  });

  it('even sizes are symmetric about the gap between the middle taps', () => {
    const k = gaussianKernel1d(4, 1);
    expect(k.data[1]).toBeCloseTo(at(k.data, 2), 7);
    expect(k.data[0]).toBeCloseTo(at(k.data, 3), 7);
    expect(sum(k.data)).toBeCloseTo(1, 6);
  });

  it('rejects bad size and sigma with the value in the message', () => {
    expect(() => gaussianKernel(0, 1)).toThrow('gaussianKernel: size must be an integer >= 1, got 0');
    expect(() => gaussianKernel1d(2.5, 1)).toThrow('gaussianKernel1d: size must be an integer >= 1, got 2.5');
    expect(() => gaussianKernel(3, 0)).toThrow('gaussianKernel: sigma must be a finite number > 0, got 0');
    expect(() => gaussianKernel(3, Number.POSITIVE_INFINITY)).toThrow('got Infinity');
  });
});

describe('presets', () => {
  it('every preset is rectangular and has a one-sentence description', () => {
    for (const [name, preset] of Object.entries(kernelPresets)) {
      const width = preset.values[0]?.length;
      for (const row of preset.values) expect(row.length, name).toBe(width);
      expect(preset.description.trim().endsWith('.'), name).toBe(true);
    }
  });

  it('blurs sum to 1 and edge detectors to 0', () => {
    expect(sum(presetKernel('box-blur').data)).toBeCloseTo(1, 6);
    expect(sum(presetKernel('gaussian-blur').data)).toBeCloseTo(1, 6);
    for (const name of ['laplacian', 'outline', 'sobel-x', 'sobel-y', 'prewitt-x', 'prewitt-y'] as const) {
      expect(sum(presetKernel(name).data), name).toBe(0);
    }
  });

  it('sobel-x as a [1,1,3,3] bank', () => {
    const k = presetKernel('sobel-x');
    expect(k.shape).toEqual([1, 1, 3, 3]);
    expect(Array.from(k.data)).toEqual([-1, 0, 1, -2, 0, 2, -1, 0, 1]);
  });
});

describe('randomKernel', () => {
  it('is deterministic per seed', () => {
    expect(randomKernel([2, 3, 3, 3], 5).data).toEqual(randomKernel([2, 3, 3, 3], 5).data);
    expect(randomKernel([2, 3, 3, 3], 5).data).not.toEqual(randomKernel([2, 3, 3, 3], 6).data);
  });

  it('He default: standard deviation near sqrt(2 / fanIn)', () => {
    const k = randomKernel([64, 8, 3, 3], 1); // fanIn 72, 4608 draws
    const mean = sum(k.data) / k.size;
    const std = Math.sqrt(k.data.reduce((s, x) => s + (x - mean) ** 2, 0) / k.size);
    expect(std).toBeGreaterThan(Math.sqrt(2 / 72) * 0.93);
    expect(std).toBeLessThan(Math.sqrt(2 / 72) * 1.07);
  });

  it('an explicit scale multiplies the unit-variance draws', () => {
    const unit = randomKernel([1, 1, 2, 2], 9, 1);
    const scaled = randomKernel([1, 1, 2, 2], 9, 3);
    for (let i = 0; i < 4; i++) expect(scaled.data[i]).toBeCloseTo(3 * at(unit.data, i), 5);
  });
});
