import { setKernels } from './backend/active-kernels';
import { loadWasmKernels } from './backend/wasm-kernels';

let loading: Promise<void> | undefined;

/**
 * Resolves once the fastest available kernels are installed: the WASM SIMD ones where the engine has
 * WebAssembly with SIMD, else the reference loops stay (they need no loading). Loads once; every later
 * call returns the same promise. Never rejects: a failed load leaves the reference kernels in place.
 */
export function ready(): Promise<void> {
  loading ??= loadWasmKernels().then(
    (kernels) => {
      if (kernels !== undefined) setKernels(kernels);
    },
    () => undefined,
  );
  return loading;
}
