import { getKernels } from './backend/active-kernels';
import type { HeapStats } from './backend/wasm-heap';
import { closeScope, openScope, storageOf, Tensor } from './tensor';

/**
 * Tensors that live in WebAssembly memory. `toWasm(x)` copies x into the kernels' heap once; every op
 * on it (conv2d, pool2d, matmul, activations) then leaves its output there too, so a chain
 * conv → bias → relu → pool copies nothing between ops. Reading `t.data` stays plain: it is a view
 * re-derived whenever the memory has grown (hold the tensor, not the view), and `fromWasm(t)` gives a
 * JS copy to keep. Lifetimes are explicit: `t.dispose()`, or `wasmScope(fn)` for everything made inside.
 * Without the WASM kernels (before `ready()`, or no SIMD) `toWasm` returns the tensor as it is and all
 * of this degrades to the plain JS path.
 */
export function toWasm(t: Tensor): Tensor {
  const device = getKernels().device;
  return device === undefined ? t : device.upload(t);
}

/** A 'js' copy of a 'wasm' tensor (the tensor itself when it already is one). */
export function fromWasm(t: Tensor): Tensor {
  return storageOf(t) === undefined ? t : new Tensor(t.shape, t.data.slice());
}

/**
 * Runs `fn`, then disposes every 'wasm' tensor made while it ran except those it returns (the result
 * itself, or the tensors in a returned array or in a returned object's own values). Scopes nest.
 */
export function wasmScope<T>(fn: () => T): T {
  openScope();
  let result: T | undefined;
  try {
    result = fn();
    return result;
  } finally {
    closeScope(tensorsIn(result));
  }
}

function tensorsIn(value: unknown): Set<Tensor> {
  const found = new Set<Tensor>();
  if (value instanceof Tensor) found.add(value);
  else if (Array.isArray(value) || (typeof value === 'object' && value !== null)) {
    for (const item of Object.values(value)) if (item instanceof Tensor) found.add(item);
  }
  return found;
}

/** Blocks and bytes in use in the kernels' heap (undefined without the WASM kernels): for leak checks. */
export function wasmMemoryStats(): HeapStats | undefined {
  return getKernels().device?.stats();
}
