/**
 * Weight arrays in a notebook file as base64 text: "f16:…" (2 bytes a weight, what Apply writes, so a
 * trained network fits a share link) or "f32:…" (4 bytes, exact). Little-endian in both. Decimal JSON
 * would spend ~10 characters a weight. Float16 keeps 11 significant bits, far finer than training noise.
 */
export type WeightPrecision = 'f16' | 'f32';

export function encodeWeights(values: Float32Array, precision: WeightPrecision = 'f16'): string {
  const bytes = new Uint8Array(values.length * (precision === 'f16' ? 2 : 4));
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) {
    if (precision === 'f16') view.setUint16(i * 2, toHalf(values[i] ?? 0), true);
    else view.setFloat32(i * 4, values[i] ?? 0, true);
  }
  return `${precision}:${toBase64(bytes)}`;
}

/** Decodes `text`; throws a plain-words Error when it is malformed or holds another count than `expected`. */
export function decodeWeights(text: string, expected: number): Float32Array {
  const match = /^(f16|f32):([A-Za-z0-9+/]*={0,2})$/.exec(text);
  if (match === null) throw new Error('must be "f16:" or "f32:" followed by base64');
  const bytes = fromBase64(match[2] ?? '');
  const width = match[1] === 'f16' ? 2 : 4;
  if (bytes.length !== expected * width) {
    throw new Error(`holds ${Math.floor(bytes.length / width)} weights but the shape needs ${expected}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(expected);
  for (let i = 0; i < expected; i++) {
    out[i] = width === 2 ? fromHalf(view.getUint16(i * 2, true)) : view.getFloat32(i * 4, true);
  }
  return out;
}

/** The value a weight takes after a round trip through float16 (what Apply stores). */
export function roundToHalf(values: Float32Array): void {
  for (let i = 0; i < values.length; i++) values[i] = fromHalf(toHalf(values[i] ?? 0));
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/**
 * IEEE 754 binary16, round to nearest even. Finite values beyond ±65504 saturate there (a weight that big
 * is already broken, and ∞ would turn every later sum into NaN); tiny values become subnormals or 0.
 */
export function toHalf(value: number): number {
  f32[0] = value;
  const x = u32[0] ?? 0;
  const sign = (x >>> 16) & 0x8000;
  const exponent = (x >>> 23) & 0xff;
  let mantissa = x & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa !== 0 ? 0x200 : 0);
  let e = exponent - 127 + 15;
  if (e >= 0x1f) return sign | 0x7bff;
  if (e <= 0) {
    if (e < -10) return sign;
    mantissa |= 0x800000;
    const shift = 14 - e;
    const half = 1 << (shift - 1);
    let m = mantissa >>> shift;
    const rest = mantissa & ((1 << shift) - 1);
    if (rest > half || (rest === half && (m & 1) === 1)) m++;
    return sign | m;
  }
  let m = mantissa >>> 13;
  const rest = mantissa & 0x1fff;
  if (rest > 0x1000 || (rest === 0x1000 && (m & 1) === 1)) {
    m++;
    if (m === 0x400) {
      m = 0;
      e++;
      if (e >= 0x1f) return sign | 0x7bff;
    }
  }
  return sign | (e << 10) | m;
}

export function fromHalf(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa === 0 ? sign * Number.POSITIVE_INFINITY : Number.NaN;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
