import { leakyRelu, pool2d, Tensor } from '@convbook/core';
import { describe, expect, it } from 'vitest';
import { defaultPlaceholder, implicitDefault } from './implicit-defaults';

describe('implicit defaults', () => {
  it('reads conv stride and dilation as 1', () => {
    expect(implicitDefault('conv', 'stride', {})).toBe('1');
    expect(implicitDefault('conv', 'dilation', {})).toBe('1');
  });

  it('names the leak core actually applies when none is given', () => {
    const shown = Number(implicitDefault('conv', 'alpha', {}));
    const leaked = leakyRelu(new Tensor([1], Float32Array.from([-100]))).data[0];
    expect(leaked).toBeCloseTo(-100 * shown, 5);
  });

  it('reads pool stride as the window size, which is what core steps by', () => {
    expect(implicitDefault('pool', 'stride', { size: 2 })).toBe('2');
    expect(implicitDefault('pool', 'stride', { size: [2, 3] })).toBe('2, 3');
    // A 4×4 map pooled 2×2 with no stride comes out 2×2: the window stepped by 2.
    const out = pool2d(new Tensor([1, 4, 4], new Float32Array(16)), { kind: 'max', size: 2 });
    expect(out.shape).toEqual([1, 2, 2]);
  });

  it('reads the peak filters as off', () => {
    expect(implicitDefault('peaks', 'minHeight', {})).toBe('none');
    expect(implicitDefault('peaks', 'minDistance', {})).toBe('1');
  });

  it('knows nothing about parameters whose schema states its own default', () => {
    expect(implicitDefault('conv', 'padding', {})).toBeUndefined();
    expect(implicitDefault('loss', 'stride', {})).toBeUndefined();
  });

  it('marks the value an empty box stands for as the default, not a typed number', () => {
    expect(defaultPlaceholder('1')).toBe('1 (default)');
    expect(defaultPlaceholder('2, 3')).toBe('2, 3 (default)');
    expect(defaultPlaceholder(undefined)).toBe('');
  });
});
