import { afterEach, describe, expect, it } from 'vitest';
import { conv2d } from '../conv2d';
import { tensor } from '../tensor';
import { getKernels, setKernels } from './active-kernels';
import type { ComputeKernels } from './kernels';
import { referenceKernels } from './reference-kernels';

afterEach(() => setKernels(referenceKernels));

describe('active kernels', () => {
  it('default to the reference kernels until something installs faster ones', () => {
    expect(getKernels()).toBe(referenceKernels);
  });

  it('route conv2d through whichever kernels were set', () => {
    const calls: string[] = [];
    const spy: ComputeKernels = {
      ...referenceKernels,
      name: 'spy',
      convForward: (...args) => {
        calls.push('convForward');
        referenceKernels.convForward(...args);
      },
    };
    setKernels(spy);
    expect(conv2d(tensor([[[1, 2]]]), tensor([[[[3]]]])).toArray()).toEqual([[[3, 6]]]);
    expect(calls).toEqual(['convForward']);
  });
});
