import { afterEach, describe, expect, it } from 'vitest';
import { instantiateKernelModule, supportsWasmSimd } from './wasm-module';

// Core's tsconfig has no WebAssembly typings (see wasm-module.ts), hence the narrow local view.
const realWebAssembly = (globalThis as unknown as { WebAssembly: { instantiate: unknown } }).WebAssembly;
afterEach(() => {
  Object.defineProperty(globalThis, 'WebAssembly', {
    value: realWebAssembly,
    configurable: true,
    writable: true,
  });
});

function replaceWebAssembly(value: unknown) {
  Object.defineProperty(globalThis, 'WebAssembly', { value, configurable: true, writable: true });
}

describe('loading the wasm kernels', () => {
  it('detects SIMD in this Node and instantiates every export', async () => {
    expect(supportsWasmSimd()).toBe(true);
    const wasm = await instantiateKernelModule();
    expect(typeof wasm?.convForward).toBe('function');
    expect(wasm?.heapBase()).toBeGreaterThan(0);
  });

  it('resolves to undefined, so the reference kernels stay, where WebAssembly is missing', async () => {
    replaceWebAssembly(undefined);
    expect(supportsWasmSimd()).toBe(false);
    await expect(instantiateKernelModule()).resolves.toBeUndefined();
  });

  it('resolves to undefined where the engine rejects the SIMD probe', async () => {
    replaceWebAssembly({
      ...realWebAssembly,
      validate: () => false,
      instantiate: realWebAssembly.instantiate,
    });
    expect(supportsWasmSimd()).toBe(false);
    await expect(instantiateKernelModule()).resolves.toBeUndefined();
  });
});
