/**
 * Whether two float maps hold the very same bits over [from, to): how the next value of a cell finds the
 * planes an edit left alone. Compared as 32-bit words, so NaN equals the same NaN and -0 differs from +0.
 * (Reading two floats at a time as one double was tried: ReLU maps are full of zero floats, which make
 * denormal or zero doubles that need the words anyway, and it measured slower.)
 */
export function sameBits(a: Float32Array, b: Float32Array, from: number, to: number): boolean {
  const a32 = new Int32Array(a.buffer, a.byteOffset, a.length);
  const b32 = new Int32Array(b.buffer, b.byteOffset, b.length);
  for (let i = from; i < to; i++) if (a32[i] !== b32[i]) return false;
  return true;
}
