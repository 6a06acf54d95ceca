/**
 * Where the values of big op outputs live. By default an ordinary Float32Array. A compute worker that
 * sends every result to a page (packages/ui/src/worker) may put large outputs in SharedArrayBuffers
 * instead, when the page is cross-origin isolated: then a 16 MB feature map reaches the page without a
 * copy, because a structured clone of a shared buffer shares it. That is only safe because a Tensor's
 * values never change once an op has returned it (ops write only into storage they have just allocated).
 *
 * Fresh memory costs a page fault per 4 KiB the first time it is written: copying 16 MB into a new
 * buffer took 12 ms in Chromium, into memory touched before 1 ms. So shared storage can be readied while
 * the worker is idle (`readyStorage`): one buffer of each size asked for lately, allocated and touched
 * ahead of time but never handed out before, so nothing that held an older tensor can see it change.
 *
 * Handed-out memory is never recycled. Knowing when nobody holds a buffer would take the collector's word
 * (a FinalizationRegistry on each handout), and Chromium gave it too late: of 200 dropped 8 MB shared
 * buffers on a page, and of 160 maps dropped in the notebook worker over 20 edits, none was finalized
 * (measured 2026-12-03). Readying fresh memory in idle time is what is left; delaying it past the paint
 * (25 ms), or not doing it, made the network's edit-to-paint p95 worse, 68 and 132 ms against 53. Nor
 * would recycling pay much there: an unsafe trial that reused every buffer cut this worker's CPU per
 * edit from 87 to 15 ms but that p95 only from 47–49 to 46 ms (the page's painting is the critical path).
 *
 * A tensor that the next edit will likely rebuild plane by plane (cells' replacePlanes: an edited kernel
 * redoes one of a conv's 16 maps) has a copy of its values readied instead (`copyAheadLater`,
 * `allocateCopy`): the 15 unchanged planes are then copied in idle time, not between the edit and the
 * paint. The copy is exact when taken because a Tensor's values never change.
 */
export type FloatAllocator = (length: number) => Float32Array;

const ordinary: FloatAllocator = (length) => new Float32Array(length);
const shared: FloatAllocator = (length) => new Float32Array(new SharedArrayBuffer(4 * length));
/** Below this many values an output is always ordinary memory: sharing only pays for big maps. */
export const SHARED_FROM_LENGTH = 1 << 16;
/** How many distinct output sizes are readied ahead (one buffer each). */
const READIED_SIZES = 8;
/** At most this many values readied in all (128 MB): a 4096² photo's maps are not worth doubling. */
const READIED_VALUES = 1 << 25;

let allocator: FloatAllocator = ordinary;
/** Output sizes asked for lately, most recent last. */
let recentLengths: number[] = [];
/** Touched, zeroed buffers never handed out, by length. */
const readied = new Map<number, Float32Array>();

/** Values likely to be rebuilt from (held weakly), with the copy of them readied so far. */
interface CopyAhead {
  readonly source: WeakRef<Float32Array>;
  copy: Float32Array | undefined;
}
/** How many such values are followed, most recent last (a notebook's partially redone maps). */
const COPY_SOURCES = 8;
let copiesAhead: CopyAhead[] = [];

/** Fresh, zeroed storage for an op's output of `length` values. */
export function allocateFloats(length: number): Float32Array {
  if (length < SHARED_FROM_LENGTH || allocator === ordinary) return new Float32Array(length);
  recentLengths = [...recentLengths.filter((n) => n !== length), length].slice(-READIED_SIZES);
  const spare = readied.get(length);
  if (spare === undefined) return allocator(length);
  readied.delete(length);
  return spare;
}

/**
 * Fresh storage holding `values` (a view of WASM memory, say), for an op's output read out of the kernels.
 * Ordinary memory is made by the copying constructor, which skips the zero fill `new Float32Array(n)`
 * does before `set` overwrites it: on a 1 MiB map that is a quarter of the copy's time.
 */
export function floatsCopiedFrom(values: Float32Array): Float32Array {
  if (values.length < SHARED_FROM_LENGTH || allocator === ordinary) return new Float32Array(values);
  const out = allocateFloats(values.length);
  out.set(values);
  return out;
}

/**
 * Fresh storage holding a copy of `values`, for a tensor made from them with some parts overwritten: the
 * copy readied in idle time when there is one (`copyAheadLater`), else copied now.
 */
export function allocateCopy(values: Float32Array): Float32Array {
  const ahead = copiesAhead.find((entry) => entry.source.deref() === values);
  // Asked for now, ready or not: a copy still to be made would only be made for nothing later.
  if (ahead !== undefined) copiesAhead = copiesAhead.filter((entry) => entry !== ahead);
  if (ahead?.copy !== undefined) return ahead.copy;
  return floatsCopiedFrom(values);
}

/**
 * Asks idle time to copy `values` ahead (`readyStorage`), because the next tensor will likely be made from
 * them by `allocateCopy`. Only for shared storage, the only kind readied.
 */
export function copyAheadLater(values: Float32Array): void {
  if (allocator === ordinary || values.length < SHARED_FROM_LENGTH) return;
  const others = copiesAhead.filter((entry) => {
    const source = entry.source.deref();
    return source !== undefined && source !== values;
  });
  copiesAhead = [...others, { source: new WeakRef(values), copy: undefined }].slice(-COPY_SOURCES);
}

/**
 * Readies one buffer: first a copy asked for by `copyAheadLater`, then a zeroed buffer for a recently asked
 * size that has none; returns false when nothing is left to ready (or storage is ordinary). Call it in
 * idle time, once per task, until it returns false.
 */
export function readyStorage(): boolean {
  if (allocator === ordinary) return false;
  // A copy whose source was collected is dropped with it.
  copiesAhead = copiesAhead.filter((entry) => entry.source.deref() !== undefined);
  let held = 0;
  for (const n of readied.keys()) held += n;
  for (const { copy } of copiesAhead) held += copy?.length ?? 0;
  for (const entry of copiesAhead.toReversed()) {
    const source = entry.source.deref();
    if (entry.copy !== undefined || source === undefined || held + source.length > READIED_VALUES) continue;
    // Copied as it is allocated: the copy takes the page faults a touch would, and nothing more.
    const copy = allocator(source.length);
    copy.set(source);
    entry.copy = copy;
    return true;
  }
  const length = recentLengths.findLast((n) => !readied.has(n) && held + n <= READIED_VALUES);
  if (length === undefined) return false;
  const buffer = allocator(length);
  touchPages(buffer);
  readied.set(length, buffer);
  return true;
}

/** Floats per 4 KiB memory page: writing one of them faults the whole page in. */
const PAGE_FLOATS = 1024;

/**
 * Writes a zero into every page of fresh storage, which holds zeros already: what costs is the page fault,
 * and one write per page takes it without the bandwidth of filling all 16 MB again.
 */
function touchPages(buffer: Float32Array): void {
  for (let i = 0; i < buffer.length; i += PAGE_FLOATS) buffer[i] = 0;
  if (buffer.length > 0) buffer[buffer.length - 1] = 0;
}

/** Makes big outputs shared (`'shared'`, needs SharedArrayBuffer) or ordinary again (`'ordinary'`). */
export function setFloatStorage(kind: 'shared' | 'ordinary'): void {
  if (kind === 'shared' && typeof SharedArrayBuffer !== 'function') {
    throw new Error('setFloatStorage: SharedArrayBuffer is not available here (not cross-origin isolated)');
  }
  allocator = kind === 'shared' ? shared : ordinary;
  recentLengths = [];
  readied.clear();
  copiesAhead = [];
}

/** Whether `values` lives in shared memory (then it crosses to another thread without a copy). */
export function isShared(values: ArrayBufferView): boolean {
  return typeof SharedArrayBuffer === 'function' && values.buffer instanceof SharedArrayBuffer;
}
