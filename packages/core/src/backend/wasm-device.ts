import type { ActivationName } from '../activations';
import { shapeSize, type Tensor } from '../tensor';
import type { TensorDevice } from './tensor-device';
import { WasmArena } from './wasm-arena';
import { wasmConv } from './wasm-device-conv';
import { wasmConvBackward } from './wasm-device-conv-backward';
import { applyInJs, type DeviceContext, inputAddress, output } from './wasm-device-io';
import { wasmMaxPoolBackward, wasmPool } from './wasm-device-pool';
import { runGemm } from './wasm-gemm';
import type { WasmHeap } from './wasm-heap';
import { ACTIVATION_CODES, type KernelExports } from './wasm-module';
import { heapAddress, heapTensor } from './wasm-storage';

/**
 * The WASM heap as a place for tensors (see TensorDevice). Each op takes scratch blocks from the pool
 * and returns them; its output block is kept and handed to the output tensor when the input lived in
 * the heap, else copied out once.
 */
export function createWasmDevice(wasm: KernelExports, heap: WasmHeap): TensorDevice {
  const context: DeviceContext = { wasm, heap };
  return {
    upload(t) {
      if (heapAddress(t, heap) !== undefined) return t;
      const address = heap.allocate(t.size);
      heap.floats(address, t.size).set(t.data);
      return heapTensor(heap, t.shape, address, t.size);
    },
    uploadParts(shape, parts) {
      const size = parts.reduce((total, part) => total + part.length, 0);
      if (size !== shapeSize(shape)) throw new RangeError(`uploadParts: ${size} values for shape [${shape}]`);
      const address = heap.allocate(size);
      const view = heap.floats(address, size);
      let offset = 0;
      for (const part of parts) {
        view.set(part, offset);
        offset += part.length;
      }
      return heapTensor(heap, shape, address, size);
    },
    owns: (t) => heapAddress(t, heap) !== undefined,
    conv: (request) => withArena(heap, (arena) => wasmConv(context, arena, request)),
    convBackward: (request) => withArena(heap, (arena) => wasmConvBackward(context, arena, request)),
    pool: (request) => withArena(heap, (arena) => wasmPool(context, arena, request)),
    maxPoolBackward: (argmax, gradOut, paddedShape) =>
      withArena(heap, (arena) => wasmMaxPoolBackward(context, arena, argmax, gradOut, paddedShape)),
    gemm: (a, b, bias, g) =>
      withArena(heap, (arena) => {
        const resident = heapAddress(a, heap) !== undefined || heapAddress(b, heap) !== undefined;
        const aAddress = inputAddress(context, arena, a);
        const bAddress = inputAddress(context, arena, b);
        const c = runGemm(wasm, arena, aAddress, bAddress, bias, g);
        return output(context, arena, [g.m, g.n], c, g.m * g.n, resident);
      }),
    activate: (name, x, alpha) => withArena(heap, (arena) => activate(context, arena, name, x, alpha)),
    stats: () => heap.stats(),
  };
}

function withArena<T>(heap: WasmHeap, work: (arena: WasmArena) => T): T {
  const arena = new WasmArena(heap);
  try {
    return work(arena);
  } finally {
    arena.release();
  }
}

/** relu and leaky relu run in the kernels; the others map the values through the view in JS. */
function activate(
  context: DeviceContext,
  arena: WasmArena,
  name: ActivationName,
  x: Tensor,
  alpha: number,
): Tensor {
  const resident = heapAddress(x, context.heap) !== undefined;
  const source = inputAddress(context, arena, x);
  const out = arena.allocate(x.size);
  if (name === 'relu' || name === 'leaky-relu') {
    context.wasm.activateInPlace(source, out, x.size, ACTIVATION_CODES[name], alpha);
  } else {
    applyInJs(name, context.heap.floats(source, x.size), context.heap.floats(out, x.size));
  }
  return output(context, arena, x.shape, out, x.size, resident);
}
