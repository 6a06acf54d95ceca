import {
  allocateCopy,
  copyAheadLater,
  knownPlaneRanges,
  planeRanges,
  rememberPlaneRanges,
  Tensor,
  type ValueRange,
} from '@convbook/core';

/**
 * Channel planes of [C, ...] tensors, for kinds that redo only the channels an edit changed: find which
 * planes differ, take some planes out, and put freshly computed planes back among the old ones. Planes
 * are compared by their bits, so -0 differs from 0 and a NaN equals only the same NaN: "equal" here
 * always means "gives the same result".
 */

/** Values in one plane of `t` (everything after the first axis). */
export function planeSize(t: Tensor): number {
  return t.shape.length === 0 ? 1 : t.size / (t.shape[0] as number);
}

/** Whether the planes of `a` and `b` have the same shape, so that they can be compared plane by plane. */
export function sameShape(a: Tensor, b: Tensor): boolean {
  return a.rank === b.rank && a.shape.every((n, axis) => n === b.shape[axis]);
}

/**
 * For each tensor made by replacePlanes: the tensor it was made from and the planes it replaced, so a
 * comparison of the two reads those planes only (a conv cell's 16 maps of 512×512 took 7 ms to compare in
 * full). The source is held weakly: a chain of edits must not keep every earlier output alive.
 */
const madeFrom = new WeakMap<
  Tensor,
  { readonly source: WeakRef<Tensor>; readonly planes: readonly number[] }
>();

/**
 * Where `t` came from, when replacePlanes made it and its source is still alive: every plane not listed
 * holds the source's bits. The notebook worker tells the page (ui worker/transfer-codec.ts), so the page
 * need not compare 15 unchanged maps of 512×512 to find the one an edit changed.
 */
export function planeLineage(
  t: Tensor,
): { readonly source: Tensor; readonly planes: readonly number[] } | undefined {
  const made = madeFrom.get(t);
  const source = made?.source.deref();
  return made && source ? { source, planes: made.planes } : undefined;
}

/** The planes (first-axis indices) whose bits differ between two tensors of the same shape. */
export function changedPlanes(a: Tensor, b: Tensor): number[] {
  const made = madeFrom.get(b);
  const candidates = made?.source.deref() === a ? made.planes : undefined;
  const size = planeSize(a);
  const count = candidates?.length ?? a.shape[0] ?? 1;
  const changed: number[] = [];
  for (let i = 0; i < count; i++) {
    const p = candidates === undefined ? i : (candidates[i] as number);
    if (!sameBits(a.data, b.data, p * size, size)) changed.push(p);
  }
  return changed;
}

/**
 * Whether two float arrays hold the same bits over `count` values from `start`: compared as 32-bit words,
 * so a NaN equals only the same NaN and -0 differs from +0. The page uses it too, to find the planes of a
 * map an edit left alone (ui cb-feature-map/map-summary.ts).
 */
export function sameBits(a: Float32Array, b: Float32Array, start: number, count: number): boolean {
  const left = bitsOf(a);
  const right = bitsOf(b);
  const end = start + count;
  // A look at every PROBE_STRIDE-th value first: two different maps usually differ all over, while a long
  // run of equal values (a relu's zeros, a dark corner) would keep the full scan reading before it finds
  // the first difference. Equal planes pay 1/PROBE_STRIDE more.
  for (let k = start; k < end; k += PROBE_STRIDE) if (left[k] !== right[k]) return false;
  for (let k = start; k < end; k++) if (left[k] !== right[k]) return false;
  return true;
}

/** Odd, so the probe does not fall on the same column of every row of a power-of-two-wide map. */
const PROBE_STRIDE = 61;

/** The given planes of `t`, in that order, as a [planes.length, ...] tensor: a view when they are adjacent. */
export function takePlanes(t: Tensor, planes: readonly number[]): Tensor {
  const size = planeSize(t);
  const shape = [planes.length, ...t.shape.slice(1)];
  const first = planes[0] ?? 0;
  const adjacent = planes.every((p, i) => p === first + i);
  if (adjacent) return new Tensor(shape, t.data.subarray(first * size, (first + planes.length) * size));
  const out = new Float32Array(planes.length * size);
  for (const [i, p] of planes.entries()) out.set(t.data.subarray(p * size, (p + 1) * size), i * size);
  return new Tensor(shape, out);
}

/**
 * A new tensor shaped like `previous`: plane `planes[i]` is plane i of `fresh`,
 * every other plane is copied from `previous`.
 */
export function replacePlanes(previous: Tensor, planes: readonly number[], fresh: Tensor): Tensor {
  const size = planeSize(previous);
  // In core's output storage: shared memory on a cross-origin-isolated page, so the map reaches the page
  // without another copy. The copy of `previous` is usually made already, in the worker's idle time after
  // the edit before (float-storage.ts), so only the fresh planes are written here.
  const out = allocateCopy(previous.data);
  for (const [from, p] of planes.entries())
    out.set(fresh.data.subarray(from * size, (from + 1) * size), p * size);
  // The next edit of the same kernel will likely rebuild this tensor the same way.
  copyAheadLater(out);
  const made = new Tensor(previous.shape, out);
  madeFrom.set(made, { source: new WeakRef(previous), planes: [...planes] });
  if (previous.rank === 3) keepRanges(previous, planes, fresh, out);
  return made;
}

/**
 * The plane ranges of a rebuilt [C, H, W] map when `previous` had them (core's plane-ranges.ts: a worker
 * feeding a page): the kept planes' from `previous`, the fresh ones' from `fresh`, measured here when it
 * was too small for shared storage to have them. A page then measures none of the map.
 */
function keepRanges(previous: Tensor, planes: readonly number[], fresh: Tensor, out: Float32Array): void {
  const size = planeSize(previous);
  const before = knownPlaneRanges(previous.data, size);
  if (before === undefined) return;
  const now = knownPlaneRanges(fresh.data, size) ?? planeRanges(fresh.data, 0, planes.length, size);
  if (now === undefined) return;
  const ranges = [...before];
  for (const [from, p] of planes.entries()) ranges[p] = now[from] as ValueRange;
  rememberPlaneRanges(out, size, ranges);
}

function bitsOf(values: Float32Array): Int32Array {
  return new Int32Array(values.buffer, values.byteOffset, values.length);
}
