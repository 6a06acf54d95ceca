import { formatShape, requireInteger, ShapeError } from './shape-errors';

/**
 * An n-dimensional array of 32-bit floats, row-major and contiguous. Images are `[C, H, W]`,
 * kernel banks `[O, C, kh, kw]`. Tensors are treated as immutable: every op returns a new one.
 */
export class Tensor {
  readonly shape: readonly number[];
  readonly data: Float32Array;

  constructor(shape: readonly number[], data?: Float32Array) {
    for (const [axis, size] of shape.entries()) requireInteger('Tensor', `shape[${axis}]`, size, 0);
    const size = shapeSize(shape);
    if (data !== undefined && data.length !== size) {
      throw new ShapeError(
        'Tensor',
        `shape ${formatShape(shape)} holds ${size} values but the data has ${data.length}`,
      );
    }
    this.shape = Object.freeze([...shape]);
    this.data = data ?? new Float32Array(size);
  }

  get size(): number {
    return this.data.length;
  }

  get rank(): number {
    return this.shape.length;
  }

  /** The same data seen with another shape of equal size. */
  reshape(shape: readonly number[]): Tensor {
    return new Tensor(shape, this.data);
  }

  /** Nested arrays, the inverse of `tensor(nested)`. */
  toArray(): NestedNumbers {
    return nest(this.data, this.shape, 0, 0);
  }
}

export type NestedNumbers = number | NestedNumbers[];

export function shapeSize(shape: readonly number[]): number {
  let size = 1;
  for (const n of shape) size *= n;
  return size;
}

/**
 * Builds a tensor from a flat array and a shape, or from nested arrays (shape inferred).
 * Throws on a length that does not match the shape, or on ragged nesting.
 */
export function tensor(values: ArrayLike<number> | NestedNumbers, shape?: readonly number[]): Tensor {
  if (shape !== undefined) {
    const flat = isFlat(values) ? values : flatten(values, inferShape(values));
    return new Tensor(shape, Float32Array.from(flat));
  }
  if (typeof values === 'number') return new Tensor([], Float32Array.of(values));
  if (isFlat(values) && !Array.isArray(values)) return new Tensor([values.length], Float32Array.from(values));
  const inferred = inferShape(values as NestedNumbers);
  return new Tensor(inferred, Float32Array.from(flatten(values as NestedNumbers, inferred)));
}

function isFlat(values: ArrayLike<number> | NestedNumbers): values is ArrayLike<number> {
  if (typeof values === 'number') return false;
  if (!Array.isArray(values)) return true; // a typed array
  return values.every((v) => typeof v === 'number');
}

function inferShape(values: NestedNumbers): number[] {
  const shape: number[] = [];
  let level: NestedNumbers = values;
  while (Array.isArray(level)) {
    shape.push(level.length);
    if (level.length === 0) break;
    level = level[0] as NestedNumbers;
  }
  return shape;
}

function flatten(values: NestedNumbers, shape: readonly number[]): number[] {
  const out: number[] = [];
  const walk = (value: NestedNumbers, depth: number, path: string): void => {
    if (depth === shape.length) {
      if (typeof value !== 'number')
        throw new ShapeError('tensor', `ragged nesting at ${path}: expected a number`);
      out.push(value);
      return;
    }
    if (!Array.isArray(value) || value.length !== shape[depth]) {
      const got = Array.isArray(value) ? `${value.length} entries` : 'a number';
      throw new ShapeError(
        'tensor',
        `ragged nesting at ${path}: expected ${shape[depth]} entries, got ${got}`,
      );
    }
    for (const [i, v] of value.entries()) walk(v, depth + 1, `${path}[${i}]`);
  };
  walk(values, 0, 'values');
  return out;
}

function nest(data: Float32Array, shape: readonly number[], depth: number, offset: number): NestedNumbers {
  if (depth === shape.length) return data[offset] as number;
  const stride = shapeSize(shape.slice(depth + 1));
  return Array.from({ length: shape[depth] as number }, (_, i) =>
    nest(data, shape, depth + 1, offset + i * stride),
  );
}
