import { describe, expect, it } from 'vitest';
import { cellStepFromKey } from './cell-keys';

const key = (
  k: string,
  mods: Partial<Record<'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey', boolean>> = {},
) => ({
  key: k,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  ...mods,
});

describe('cellStepFromKey', () => {
  it('steps with Alt+arrows only', () => {
    expect(cellStepFromKey(key('ArrowDown', { altKey: true }))).toBe(1);
    expect(cellStepFromKey(key('ArrowUp', { altKey: true }))).toBe(-1);
  });
  it('leaves plain and other modified arrows to the control', () => {
    expect(cellStepFromKey(key('ArrowDown'))).toBe(0);
    expect(cellStepFromKey(key('ArrowDown', { altKey: true, shiftKey: true }))).toBe(0);
    expect(cellStepFromKey(key('ArrowLeft', { altKey: true }))).toBe(0);
  });
});
