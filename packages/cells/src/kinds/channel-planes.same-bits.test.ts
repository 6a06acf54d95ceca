import { describe, expect, it } from 'vitest';
import { sameBits } from './channel-planes';

describe('sameBits', () => {
  it('finds a change in any one 32-bit word, at odd and even ends, at any buffer offset', () => {
    const special = [0, -0, Number.NaN, 1, Number.POSITIVE_INFINITY, 1e-45];
    for (const offset of [0, 1]) {
      const a = new Float32Array(70).subarray(offset, offset + 64);
      a.forEach((_, i) => {
        a[i] = special[i % special.length] as number;
      });
      for (const [from, to] of [
        [0, 64],
        [1, 63],
        [3, 40],
        [5, 9],
      ] as const) {
        const b = new Float32Array(70).subarray(offset, offset + 64);
        b.set(a);
        expect(sameBits(a, b, from, to - from)).toBe(true);
        for (let at = 0; at < 64; at++) {
          const changed = new Float32Array(70).subarray(offset, offset + 64);
          changed.set(a);
          const bits = new Int32Array(changed.buffer, changed.byteOffset, 64);
          bits[at] = (bits[at] as number) ^ (at % 3 === 0 ? 0x80000000 : 1); // a sign flip (±0 too) or an ulp
          expect(sameBits(a, changed, from, to - from)).toBe(at < from || at >= to);
        }
      }
    }
  });

  it('tells +0 from -0 at every position', () => {
    for (let at = 0; at < 16; at++) {
      const a = new Float32Array(16);
      const b = new Float32Array(16);
      b[at] = -0;
      expect(sameBits(a, b, 0, 16)).toBe(false);
      expect(sameBits(b, a, 0, 16)).toBe(false);
    }
  });

  it('holds NaN payloads equal only to the same payload', () => {
    const a = new Float32Array(16).fill(Number.NaN);
    const b = a.slice();
    expect(sameBits(a, b, 0, 16)).toBe(true);
    new Int32Array(b.buffer)[6] = 0x7fc00001;
    expect(sameBits(a, b, 0, 16)).toBe(false);
  });
});
