import { beforeAll, describe, expect, it } from 'vitest';
import { ready } from '../ready';
import { getKernels } from './active-kernels';
import type { TensorDevice } from './tensor-device';

// uploadParts gathers strided pieces (a band of rows of every channel) into one 'wasm' tensor.

let device: TensorDevice;
beforeAll(async () => {
  await ready();
  const found = getKernels().device;
  if (found === undefined) throw new Error('these tests need the WASM kernels');
  device = found;
});

describe('uploadParts', () => {
  it('lays the parts one after another in a tensor of the given shape, in WASM memory', () => {
    // Rows 1–2 of both channels of a [2, 4, 3] image.
    const image = Float32Array.from({ length: 24 }, (_, i) => i);
    const parts = [image.subarray(3, 9), image.subarray(15, 21)];
    const before = device.stats().liveBlocks;
    const band = device.uploadParts([2, 2, 3], parts);
    expect(band.location).toBe('wasm');
    expect(band.shape).toEqual([2, 2, 3]);
    expect([...band.data]).toEqual([3, 4, 5, 6, 7, 8, 15, 16, 17, 18, 19, 20]);
    band.dispose();
    expect(device.stats().liveBlocks).toBe(before);
  });

  it('refuses parts that do not fill the shape, allocating nothing', () => {
    const before = device.stats().liveBlocks;
    expect(() => device.uploadParts([2, 3], [new Float32Array(5)])).toThrow(
      'uploadParts: 5 values for shape [2,3]',
    );
    expect(device.stats().liveBlocks).toBe(before);
  });
});
