import { afterEach, describe, expect, it } from 'vitest';
import { allocateFloats, isShared, SHARED_FROM_LENGTH, setFloatStorage } from './float-storage';

describe('float storage', () => {
  afterEach(() => setFloatStorage('ordinary'));

  it('is ordinary memory by default', () => {
    expect(isShared(allocateFloats(SHARED_FROM_LENGTH))).toBe(false);
  });

  it('puts big outputs, and only big ones, in shared memory when asked', () => {
    setFloatStorage('shared');
    const big = allocateFloats(SHARED_FROM_LENGTH);
    expect(isShared(big)).toBe(true);
    expect(big.length).toBe(SHARED_FROM_LENGTH);
    expect(big.every((v) => v === 0)).toBe(true);
    expect(isShared(allocateFloats(SHARED_FROM_LENGTH - 1))).toBe(false);
  });

  it('a structured clone of shared storage shares it; of ordinary storage copies it', () => {
    setFloatStorage('shared');
    const shared = allocateFloats(SHARED_FROM_LENGTH);
    const cloned = structuredClone(shared);
    cloned[0] = 7;
    expect(shared[0]).toBe(7);
    const ordinary = new Float32Array(4);
    structuredClone(ordinary)[0] = 7;
    expect(ordinary[0]).toBe(0);
  });
});
