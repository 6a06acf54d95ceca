import { isShared, Tensor } from '@convbook/core';

/**
 * Cell values cross the worker boundary by structured clone. A `Tensor` arrives as a plain
 * `{ shape, data }` (its prototype is lost), so the page rebuilds it; the float arrays are copied once in
 * the worker and *transferred*, because the worker's notebook still owns the originals. Values in shared
 * memory (a cross-origin-isolated page: notebook-worker.ts, core's float-storage.ts) go as they are: the
 * page gets a view of the same memory, no copy on either side, and a Tensor's values never change.
 */

export interface Encoded {
  readonly payload: unknown;
  readonly transfer: Transferable[];
}

/** Replaces every Tensor (and typed array) in `value` by a transferable copy, walking arrays and objects. */
export function encodeForTransfer(value: unknown): Encoded {
  const transfer: Transferable[] = [];
  const walk = (v: unknown): unknown => {
    if (v instanceof Tensor) {
      if (isShared(v.data)) return { shape: [...v.shape], data: v.data };
      const data = v.data.slice();
      transfer.push(data.buffer);
      return { shape: [...v.shape], data };
    }
    if (v instanceof Float32Array || v instanceof Int32Array || v instanceof Uint8Array) {
      if (isShared(v)) return v;
      const copy = v.slice();
      transfer.push(copy.buffer);
      return copy;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (isPlainObject(v)) {
      const out: Record<string, unknown> = {};
      for (const [key, field] of Object.entries(v)) out[key] = walk(field);
      return out;
    }
    return v;
  };
  return { payload: walk(value), transfer };
}

/** The inverse on the page: every `{ shape: number[], data: Float32Array }` becomes a Tensor again. */
export function decodeTransferred(payload: unknown): unknown {
  if (Array.isArray(payload)) return payload.map(decodeTransferred);
  if (!isPlainObject(payload)) return payload;
  if (isWireTensor(payload)) return new Tensor(payload.shape, payload.data);
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(payload)) out[key] = decodeTransferred(field);
  return out;
}

function isWireTensor(v: Record<string, unknown>): v is { shape: number[]; data: Float32Array } {
  const keys = Object.keys(v);
  return (
    keys.length === 2 &&
    v.data instanceof Float32Array &&
    Array.isArray(v.shape) &&
    v.shape.every((n) => typeof n === 'number')
  );
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
