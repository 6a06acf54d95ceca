import { formatShape, requireInteger, ShapeError } from './shape-errors';

/**
 * Values that live outside a plain JS array (the WASM heap, see backend/wasm-storage.ts), shared by a
 * tensor and its reshapes. `view` is valid until the next allocation in that memory: callers take it
 * again rather than keep it.
 */
export interface TensorStorage {
  readonly length: number;
  view(): Float32Array;
  /** One more tensor shares these values. */
  retain(): void;
  /** One tensor fewer; the last release frees the memory. */
  release(): void;
}

const storages = new WeakMap<Tensor, TensorStorage>();

/**
 * An n-dimensional array of 32-bit floats, row-major and contiguous. Images are `[C, H, W]`,
 * kernel banks `[O, C, kh, kw]`. Tensors are treated as immutable: every op returns a new one.
 *
 * Most tensors hold a Float32Array. A tensor made by `toWasm` (or by an op whose input was one) keeps its
 * values in WebAssembly memory instead, so chains of ops copy nothing in between; its `data` is then a
 * view re-derived whenever the memory has grown, and `dispose()` gives the memory back.
 */
export class Tensor {
  readonly shape: readonly number[];
  declare readonly data: Float32Array;

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
    return this.data.length; // a disposed 'wasm' tensor shadows this with its own `size`
  }

  /** Where the values live: 'js' (a Float32Array of its own) or 'wasm' (WebAssembly memory). */
  get location(): 'js' | 'wasm' {
    return storages.has(this) ? 'wasm' : 'js';
  }

  /**
   * Frees the WebAssembly memory of a 'wasm' tensor (reshapes share it: the last one to go frees it);
   * reading `data` afterwards throws. Does nothing for a 'js' tensor. Safe to call twice.
   */
  dispose(): void {
    const storage = storages.get(this);
    if (storage === undefined) return;
    storages.delete(this);
    Object.defineProperty(this, 'size', { value: storage.length });
    Object.defineProperty(this, 'data', {
      get: () => {
        throw new Error(`this ${formatShape(this.shape)} tensor was disposed: its WASM memory is freed`);
      },
      enumerable: true,
      configurable: true,
    });
    storage.release();
  }

  get rank(): number {
    return this.shape.length;
  }

  /** The same data seen with another shape of equal size. */
  reshape(shape: readonly number[]): Tensor {
    const storage = storages.get(this);
    if (storage === undefined) return new Tensor(shape, this.data);
    const size = shapeSize(shape);
    if (size !== storage.length) {
      throw new ShapeError(
        'reshape',
        `shape ${formatShape(shape)} holds ${size} values but the tensor has ${storage.length}`,
      );
    }
    storage.retain();
    return tensorOnStorage(shape, storage);
  }

  /** Nested arrays, the inverse of `tensor(nested)`. */
  toArray(): NestedNumbers {
    return nest(this.data, this.shape, 0, 0);
  }
}

export type NestedNumbers = number | NestedNumbers[];

/** A tensor over `storage`, which it now holds one reference to. Internal to core's backends. */
export function tensorOnStorage(shape: readonly number[], storage: TensorStorage): Tensor {
  for (const [axis, size] of shape.entries()) requireInteger('Tensor', `shape[${axis}]`, size, 0);
  const t = Object.create(Tensor.prototype) as Tensor;
  Object.defineProperty(t, 'shape', { value: Object.freeze([...shape]), enumerable: true });
  Object.defineProperty(t, 'data', { get: () => storage.view(), enumerable: true, configurable: true });
  storages.set(t, storage);
  scopes.at(-1)?.push(t);
  return t;
}

/**
 * Open scopes of `wasmScope`: every tensor made on a storage while one is open (reshapes included) is
 * listed in the innermost, and disposed when it closes unless it is part of the scope's result.
 */
const scopes: Tensor[][] = [];

export function openScope(): void {
  scopes.push([]);
}

/** Disposes the tensors of the innermost scope that are not in `keep` (those move to the outer scope). */
export function closeScope(keep: ReadonlySet<Tensor>): void {
  const made = scopes.pop() ?? [];
  for (const t of made) {
    if (keep.has(t)) scopes.at(-1)?.push(t);
    else t.dispose();
  }
}

/**
 * The values as a Float32Array that no later WASM allocation can detach: `data` itself for a 'js'
 * tensor, a copy for a 'wasm' one. For code that reads a tensor while kernels run.
 */
export function jsData(t: Tensor): Float32Array {
  return storages.has(t) ? t.data.slice() : t.data;
}

/** The storage of a 'wasm' tensor, or undefined for a 'js' one. */
export function storageOf(t: Tensor): TensorStorage | undefined {
  return storages.get(t);
}

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
  if (depth === shape.length) return data[offset] ?? 0;
  const stride = shapeSize(shape.slice(depth + 1));
  return Array.from({ length: shape[depth] ?? 0 }, (_, i) =>
    nest(data, shape, depth + 1, offset + i * stride),
  );
}
