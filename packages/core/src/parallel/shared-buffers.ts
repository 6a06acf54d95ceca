/**
 * Shared memory for conv2dParallel: where SharedArrayBuffer exists (Node, a cross-origin-isolated page
 * and its workers), the workers read their input rows from one shared copy of the input and write their
 * output rows straight into the shared output, so nothing is sliced, cloned or placed on the calling
 * thread.
 */

/** Whether buffers can be shared with workers here (a page that is not cross-origin isolated cannot). */
export function canShareMemory(): boolean {
  if (typeof SharedArrayBuffer !== 'function') return false;
  return (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated !== false;
}

export function isShared(data: Float32Array): boolean {
  return typeof SharedArrayBuffer === 'function' && data.buffer instanceof SharedArrayBuffer;
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
