import { planeLineage } from '@convbook/cells';
import {
  isShared,
  knownPlaneRanges,
  planeValues,
  readTriples,
  rememberPlaneRanges,
  Tensor,
  writeTriples,
} from '@convbook/core';
import { recordLineage } from '../paint/plane-lineage';

/**
 * Cell values cross the worker boundary by structured clone. A `Tensor` arrives as a plain
 * `{ shape, data }` (its prototype is lost), so the page rebuilds it; the float arrays are copied once in
 * the worker and *transferred*, because the worker's notebook still owns the originals. Values in shared
 * memory (a cross-origin-isolated page: notebook-worker.ts, core's float-storage.ts) go as they are: the
 * page gets a view of the same memory, no copy on either side, and a Tensor's values never change.
 *
 * Each tensor sent gets a number. A tensor that a cell built from its previous output, recomputing only
 * some planes (cells' `planeLineage`), also names that output's number and the planes recomputed, so the
 * page knows which planes it already has (paint/plane-lineage.ts).
 */

/**
 * A tensor on the wire: `from` and `replaced` only for a tensor built from one sent before; `ranges` when
 * the worker knows each plane's range (core's plane-ranges.ts), as (min, max, non-finite count) triples.
 */
interface WireTensor {
  readonly shape: number[];
  readonly data: Float32Array;
  readonly id: number;
  readonly from?: number;
  readonly replaced?: number[];
  readonly ranges?: Float64Array;
}

/** Worker side: the number each tensor's values were sent under. */
const sentIds = new WeakMap<Float32Array, number>();
let lastId = 0;

function wireTensor(t: Tensor, data: Float32Array): WireTensor {
  const id = ++lastId;
  sentIds.set(t.data, id);
  const lineage = planeLineage(t);
  const from = lineage ? sentIds.get(lineage.source.data) : undefined;
  const ranges = knownPlaneRanges(t.data, planeValues(t.shape));
  return {
    shape: [...t.shape],
    data,
    id,
    ...(lineage !== undefined && from !== undefined ? { from, replaced: [...lineage.planes] } : {}),
    ...(ranges !== undefined ? { ranges: writeTriples(ranges) } : {}),
  };
}

export interface Encoded {
  readonly payload: unknown;
  readonly transfer: Transferable[];
}

/** Replaces every Tensor (and typed array) in `value` by a transferable copy, walking arrays and objects. */
export function encodeForTransfer(value: unknown): Encoded {
  const transfer: Transferable[] = [];
  const walk = (v: unknown): unknown => {
    if (v instanceof Tensor) {
      if (isShared(v.data)) return wireTensor(v, v.data);
      const data = v.data.slice();
      transfer.push(data.buffer);
      return wireTensor(v, data);
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

/**
 * Page side: the values of the tensors received lately, by number, to resolve `from`. A cell's next map
 * names its last one, so a few hundred are plenty; they are held weakly.
 */
const received = new Map<number, WeakRef<Float32Array>>();
const REMEMBERED = 512;

/** The inverse on the page: every wire tensor becomes a Tensor again. */
export function decodeTransferred(payload: unknown): unknown {
  if (Array.isArray(payload)) return payload.map(decodeTransferred);
  if (!isPlainObject(payload)) return payload;
  if (isWireTensor(payload)) return receiveTensor(payload);
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(payload)) out[key] = decodeTransferred(field);
  return out;
}

function receiveTensor(wire: WireTensor): Tensor {
  const tensor = new Tensor(wire.shape, wire.data);
  const source = wire.from === undefined ? undefined : received.get(wire.from)?.deref();
  // A plane is the first axis for the cells and the last two for the page: the same only in rank 3.
  if (source !== undefined && wire.replaced !== undefined && wire.shape.length === 3)
    recordLineage(wire.data, source, wire.shape[0] ?? 1, wire.replaced);
  if (wire.ranges !== undefined)
    rememberPlaneRanges(wire.data, planeValues(wire.shape), readTriples(wire.ranges));
  received.set(wire.id, new WeakRef(wire.data));
  if (received.size > REMEMBERED) received.delete(received.keys().next().value as number);
  return tensor;
}

const WIRE_KEYS: ReadonlySet<string> = new Set(['shape', 'data', 'id', 'from', 'replaced', 'ranges']);

function isWireTensor(v: Record<string, unknown>): v is WireTensor & Record<string, unknown> {
  const keys = Object.keys(v);
  const known = keys.every((key) => WIRE_KEYS.has(key));
  return (
    known &&
    typeof v.id === 'number' &&
    v.data instanceof Float32Array &&
    Array.isArray(v.shape) &&
    v.shape.every((n) => typeof n === 'number') &&
    (v.replaced === undefined ||
      (Array.isArray(v.replaced) && v.replaced.every((n) => typeof n === 'number'))) &&
    (v.ranges === undefined || (v.ranges instanceof Float64Array && v.ranges.length % 3 === 0))
  );
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
