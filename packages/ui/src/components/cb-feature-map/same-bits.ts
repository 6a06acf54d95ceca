/**
 * Whether two float maps hold the very same bits over [from, to): how the next value of a cell finds the
 * planes an edit left alone. Read two floats at a time through a Float64Array where both buffers allow it
 * (half the loop of comparing 32-bit words); equal doubles are equal bits except +0 and -0, and NaN never
 * equals itself, so those two cases are settled on the 32-bit words.
 */
export function sameBits(a: Float32Array, b: Float32Array, from: number, to: number): boolean {
  const a32 = new Int32Array(a.buffer, a.byteOffset, a.length);
  const b32 = new Int32Array(b.buffer, b.byteOffset, b.length);
  let i = from;
  if (a.byteOffset % 8 === 0 && b.byteOffset % 8 === 0 && to - from > 8) {
    if (i % 2 === 1) {
      if (a32[i] !== b32[i]) return false;
      i++;
    }
    const pairs = Math.floor(to / 2);
    const a64 = new Float64Array(a.buffer, a.byteOffset, Math.floor(a.length / 2));
    const b64 = new Float64Array(b.buffer, b.byteOffset, Math.floor(b.length / 2));
    for (let p = i / 2; p < pairs; p++) {
      const x = a64[p] as number;
      const y = b64[p] as number;
      if (x === y && x !== 0) continue;
      if (a32[2 * p] !== b32[2 * p] || a32[2 * p + 1] !== b32[2 * p + 1]) return false;
    }
    i = Math.max(i, pairs * 2);
  }
  for (; i < to; i++) if (a32[i] !== b32[i]) return false;
  return true;
}
