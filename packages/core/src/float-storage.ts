/**
 * Where the values of big op outputs live. By default an ordinary Float32Array. A compute worker that
 * sends every result to a page (packages/ui/src/worker) may put large outputs in SharedArrayBuffers
 * instead, when the page is cross-origin isolated: then a 16 MB feature map reaches the page without a
 * copy, because a structured clone of a shared buffer shares it. That is only safe because a Tensor's
 * values never change once an op has returned it (ops write only into storage they have just allocated).
 */
export type FloatAllocator = (length: number) => Float32Array;

const ordinary: FloatAllocator = (length) => new Float32Array(length);
/** Below this many values an output is always ordinary memory: sharing only pays for big maps. */
export const SHARED_FROM_LENGTH = 1 << 16;

let allocator: FloatAllocator = ordinary;

/** Fresh, zeroed storage for an op's output of `length` values. */
export function allocateFloats(length: number): Float32Array {
  return length < SHARED_FROM_LENGTH ? new Float32Array(length) : allocator(length);
}

/** Makes big outputs shared (`'shared'`, needs SharedArrayBuffer) or ordinary again (`'ordinary'`). */
export function setFloatStorage(kind: 'shared' | 'ordinary'): void {
  if (kind === 'shared' && typeof SharedArrayBuffer !== 'function') {
    throw new Error('setFloatStorage: SharedArrayBuffer is not available here (not cross-origin isolated)');
  }
  allocator = kind === 'shared' ? (length) => new Float32Array(new SharedArrayBuffer(4 * length)) : ordinary;
}

/** Whether `values` lives in shared memory (then it crosses to another thread without a copy). */
export function isShared(values: ArrayBufferView): boolean {
  return typeof SharedArrayBuffer === 'function' && values.buffer instanceof SharedArrayBuffer;
}
