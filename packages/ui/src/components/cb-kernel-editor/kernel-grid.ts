/**
 * The kernel editor's model: a bank of weights [O, C, kh, kw] plus one bias per kernel, as plain numbers,
 * converted to and from the kernel cell's `values` parameter ([kh][kw] for a single kernel on one channel,
 * else [O][C][kh][kw]).
 */
export interface KernelGrid {
  readonly shape: readonly [number, number, number, number];
  /** A computed bank keeps its Float32Array: copying a million weights to an array cost ~50 ms a render. */
  readonly weights: readonly number[] | Float32Array;
  readonly bias: readonly number[];
}

/** Reads a `values` literal ([kh][kw] or [O][C][kh][kw]); undefined when it is neither. */
export function gridFromValues(values: unknown, bias: unknown): KernelGrid | undefined {
  if (!Array.isArray(values) || values.length === 0) return undefined;
  const nested: unknown[][][][] = is2d(values) ? [[values]] : (values as unknown[][][][]);
  const o = nested.length;
  const c = nested[0]?.length ?? 0;
  const kh = nested[0]?.[0]?.length ?? 0;
  const kw = (nested[0]?.[0]?.[0] as unknown[] | undefined)?.length ?? 0;
  const weights: number[] = [];
  for (const kernel of nested) {
    if (!Array.isArray(kernel) || kernel.length !== c) return undefined;
    for (const channel of kernel) {
      if (!Array.isArray(channel) || channel.length !== kh) return undefined;
      for (const row of channel) {
        if (!Array.isArray(row) || row.length !== kw) return undefined;
        for (const v of row) {
          if (typeof v !== 'number') return undefined;
          weights.push(v);
        }
      }
    }
  }
  return { shape: [o, c, kh, kw], weights, bias: readBias(bias, o) };
}

/** From a computed kernel value (weights [O, C, kh, kw] and bias). */
export function gridFromTensor(
  shape: readonly number[],
  data: Float32Array,
  bias: ArrayLike<number>,
): KernelGrid {
  const [o = 1, c = 1, kh = 1, kw = 1] = shape;
  return {
    shape: [o, c, kh, kw],
    weights: data,
    bias: Array.from({ length: o }, (_, k) => bias[k] ?? 0),
  };
}

/** Back to the `values` parameter, in the simplest form that says the same thing. */
export function valuesFromGrid(grid: KernelGrid): number[][] | number[][][][] {
  const [o, c, kh, kw] = grid.shape;
  const plane = (k: number, ch: number): number[][] =>
    Array.from({ length: kh }, (_, i) =>
      Array.from({ length: kw }, (_, j) => grid.weights[((k * c + ch) * kh + i) * kw + j] ?? 0),
    );
  if (o === 1 && c === 1) return plane(0, 0);
  return Array.from({ length: o }, (_, k) => Array.from({ length: c }, (_, ch) => plane(k, ch)));
}

/** Typed and nudged weights are stored to this many decimals, so documents stay readable. */
export const WEIGHT_DECIMALS = 4;

/** A copy with one weight replaced; `value` is rounded to WEIGHT_DECIMALS so documents stay readable. */
export function withWeight(grid: KernelGrid, index: number, value: number): KernelGrid {
  const weights = [...grid.weights];
  weights[index] = roundWeight(value);
  return { ...grid, weights };
}

export function withBias(grid: KernelGrid, kernel: number, value: number): KernelGrid {
  const bias = [...grid.bias];
  bias[kernel] = roundWeight(value);
  return { ...grid, bias };
}

export function roundWeight(value: number): number {
  const scale = 10 ** WEIGHT_DECIMALS;
  // From here up a double has no digit after the fourth decimal to drop, and value · scale / scale
  // would change the number itself (3.4e38 came back as 3.3999999999999996e38).
  if (!(Math.abs(value) < 2 ** 53 / scale)) return value;
  return Math.round(value * scale) / scale;
}

/**
 * The weight as it is stored, when the field (which shows it rounded) hides some of its digits: a preset,
 * a random bank or a loaded file keeps full precision. `float32`: the value comes from a computed bank, so
 * it is written in the fewest digits that give back the same float32 (0.1, not 0.10000000149011612).
 */
export function hiddenDigits(value: number, float32: boolean): string | undefined {
  const rounded = roundWeight(value);
  if (rounded === value || (float32 && Math.fround(rounded) === value)) return undefined;
  if (!float32) return String(value);
  for (let digits = 1; digits < 9; digits++) {
    const shorter = Number(value.toPrecision(digits));
    if (Math.fround(shorter) === value) return String(shorter);
  }
  return String(Number(value.toPrecision(9)));
}

/** Accessible name of a weight input: 1-based, with kernel and channel only for banks. */
export function weightLabel(shape: KernelGrid['shape'], k: number, ch: number, i: number, j: number): string {
  const cell = `weight row ${i + 1}, column ${j + 1}`;
  return shape[0] === 1 && shape[1] === 1 ? cell : `kernel ${k + 1}, channel ${ch + 1}, ${cell}`;
}

function is2d(values: unknown[]): boolean {
  return values.every((row) => Array.isArray(row) && row.every((v) => typeof v === 'number'));
}

function readBias(bias: unknown, kernels: number): number[] {
  if (typeof bias === 'number') return Array.from({ length: kernels }, () => bias);
  const list = Array.isArray(bias) ? bias : [];
  return Array.from({ length: kernels }, (_, k) => (typeof list[k] === 'number' ? list[k] : 0));
}
