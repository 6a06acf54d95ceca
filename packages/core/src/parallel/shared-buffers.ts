import { isShared } from '../float-storage';

/**
 * Shared memory for conv2dParallel: where SharedArrayBuffer exists (Node, a cross-origin-isolated page
 * and its workers), the workers read their input rows from one shared copy of the input, and on such a
 * page write their output rows straight into the shared output, so nothing is sliced, cloned or placed
 * on the calling thread.
 */

/** What conv2dParallel shares with its workers. */
export interface Sharing {
  /** One shared copy of the input, whose rows the workers read where they are. */
  readonly input: boolean;
  /** The output itself, written by the workers in place and handed out as the result. */
  readonly output: boolean;
}

/**
 * Where SharedArrayBuffer exists (Node; a cross-origin-isolated page; not a page without isolation) the
 * input is shared. The output is shared on such a page only. A result must be fresh memory (the caller
 * keeps it), and fresh memory costs a page fault per 4 KiB on first touch: on a page every large
 * ArrayBuffer is fresh anyway, so the workers may as well take those faults, in parallel, and the
 * calling thread copies nothing. On Node a new ArrayBuffer mostly gets memory already touched (its
 * allocator reuses what the collector freed) while a new SharedArrayBuffer is always untouched (filling
 * 16 MiB took 8 ms against 0.6 ms), so there the maps travel back transferred: measured faster (bench:
 * parallel-edit).
 */
export function chooseSharing(): Sharing {
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated;
  const input = typeof SharedArrayBuffer === 'function' && isolated !== false;
  return { input, output: input && isolated === true };
}

/** A shared copy of a call's input, and how to give it back once no job of the call reads it any more. */
export interface SharedInput {
  readonly data: Float32Array;
  release(): void;
}

/**
 * Recycled shared input buffers. Copying the input into memory touched before costs a plain copy; into
 * fresh memory it also costs a page fault per 4 KiB page, about as much again. Only inputs are recycled:
 * a buffer goes back when every job of its call has settled, and nothing outside conv2dParallel ever
 * sees it (outputs are always fresh, since the caller keeps them).
 */
const idle: SharedArrayBuffer[] = [];
const MAX_IDLE_BUFFERS = 4;

/** `data` itself when it is already shared, else a copy in a recycled shared buffer. */
export function shareInput(data: Float32Array): SharedInput {
  if (isShared(data)) return { data, release: () => undefined };
  const bytes = data.length * 4;
  const index = idle.findIndex((buffer) => buffer.byteLength >= bytes && buffer.byteLength <= 2 * bytes);
  const buffer = index >= 0 ? (idle.splice(index, 1)[0] as SharedArrayBuffer) : new SharedArrayBuffer(bytes);
  const copy = new Float32Array(buffer, 0, data.length);
  copy.set(data);
  let released = false;
  return {
    data: copy,
    release: () => {
      if (released) return;
      released = true;
      idle.unshift(buffer);
      idle.length = Math.min(idle.length, MAX_IDLE_BUFFERS);
    },
  };
}
