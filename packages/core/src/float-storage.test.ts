import { afterEach, describe, expect, it } from 'vitest';
import {
  allocateCopy,
  allocateFloats,
  copyAheadLater,
  floatsCopiedFrom,
  isShared,
  readyStorage,
  SHARED_FROM_LENGTH,
  setFloatStorage,
} from './float-storage';

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

  it('copies values out into storage of their own, shared when big and asked for', () => {
    const source = Float32Array.from({ length: SHARED_FROM_LENGTH }, (_, i) => i - 0.5);
    const plain = floatsCopiedFrom(source.subarray(1, 4));
    expect([...plain]).toEqual([0.5, 1.5, 2.5]);
    expect(plain.buffer).not.toBe(source.buffer);
    setFloatStorage('shared');
    const big = floatsCopiedFrom(source);
    expect(isShared(big)).toBe(true);
    expect(big).toEqual(source);
    source[0] = 9;
    expect(big[0]).toBe(-0.5);
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

describe('storage readied in idle time', () => {
  afterEach(() => setFloatStorage('ordinary'));

  it('readies one buffer per recent size, hands each out once, zeroed, and never one handed out before', () => {
    setFloatStorage('shared');
    const first = allocateFloats(SHARED_FROM_LENGTH);
    allocateFloats(2 * SHARED_FROM_LENGTH);
    first[0] = 5; // a caller's tensor: its storage must never come back
    expect(readyStorage()).toBe(true);
    expect(readyStorage()).toBe(true);
    expect(readyStorage()).toBe(false);
    const next = allocateFloats(SHARED_FROM_LENGTH);
    expect(next).not.toBe(first);
    expect(next.buffer).not.toBe(first.buffer);
    expect(isShared(next)).toBe(true);
    expect(next.every((v) => v === 0)).toBe(true);
    expect(allocateFloats(SHARED_FROM_LENGTH)).not.toBe(next); // used up: a new one
    expect(readyStorage()).toBe(true); // the size is readied again
  });

  it('does nothing for ordinary storage', () => {
    allocateFloats(SHARED_FROM_LENGTH);
    expect(readyStorage()).toBe(false);
  });

  it('readies at most 2^25 values in all', () => {
    setFloatStorage('shared');
    allocateFloats(1 << 24);
    allocateFloats((1 << 24) + 1);
    allocateFloats(1 << 20);
    let readied = 0;
    while (readyStorage()) readied++;
    expect(readied).toBe(2); // 2^20 + (2^24 + 1) fit; 2^24 more would not
  });
});

describe('copies readied in idle time', () => {
  afterEach(() => setFloatStorage('ordinary'));

  /** Shared storage holding 0, 1, 2, ...: a tensor's values, which never change once made. */
  function sourceValues(): Float32Array {
    const values = allocateFloats(SHARED_FROM_LENGTH);
    for (let i = 0; i < values.length; i++) values[i] = i;
    return values;
  }

  it('without a copy ahead, copies now into fresh storage', () => {
    setFloatStorage('shared');
    const source = sourceValues();
    const copy = allocateCopy(source);
    expect(copy).not.toBe(source);
    expect(copy.buffer).not.toBe(source.buffer);
    expect(isShared(copy)).toBe(true);
    expect(copy).toEqual(source);
  });

  it('hands out the copy made ahead, once, then copies again', () => {
    setFloatStorage('shared');
    const source = sourceValues();
    copyAheadLater(source);
    expect(readyStorage()).toBe(true); // the copy
    const ahead = allocateCopy(source);
    expect(ahead).toEqual(source);
    expect(ahead.buffer).not.toBe(source.buffer);
    ahead[0] = -1; // the caller writes its own planes in
    const again = allocateCopy(source);
    expect(again).not.toBe(ahead);
    expect(again[0]).toBe(0);
    expect(again).toEqual(source);
  });

  it('drops a copy not yet made once the values are copied now: idle time would make it for nothing', () => {
    setFloatStorage('shared');
    const source = sourceValues();
    copyAheadLater(source);
    expect(allocateCopy(source)).toEqual(source); // before any idle time: copied now
    let readied = 0;
    while (readyStorage()) readied++;
    expect(readied).toBe(1); // the zeroed buffer for the size, and no copy of `source`
  });

  it('copies only for values asked about, and not for ordinary storage', () => {
    setFloatStorage('shared');
    const source = sourceValues();
    const other = sourceValues();
    copyAheadLater(source);
    expect(readyStorage()).toBe(true);
    const copy = allocateCopy(other); // no copy of these: made now
    expect(copy).toEqual(other);
    setFloatStorage('ordinary');
    const plain = new Float32Array(SHARED_FROM_LENGTH);
    copyAheadLater(plain);
    expect(readyStorage()).toBe(false);
  });

  it('readies copies first, then zeroed buffers, within the same budget', () => {
    setFloatStorage('shared');
    const big = allocateFloats(1 << 24); // a recent size, to be readied zeroed
    big[1] = 3;
    copyAheadLater(big);
    allocateFloats((1 << 24) + 1);
    let readied = 0;
    while (readyStorage()) readied++;
    // The copy (2^24) and one zeroed buffer of 2^24 + 1 fit in 2^25 values; the zeroed 2^24 would not.
    expect(readied).toBe(2);
    const copy = allocateCopy(big);
    expect(copy[1]).toBe(3);
    expect(copy.buffer).not.toBe(big.buffer);
  });
});
