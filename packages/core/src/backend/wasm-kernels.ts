import type { ComputeKernels, ConvGeometry, PoolGeometry } from './kernels';
import { WasmArena } from './wasm-arena';
import { wasmConvBackwardInput } from './wasm-backward-input';
import { createWasmDevice } from './wasm-device';
import { planForward, runForward, zeroPaddingKernels } from './wasm-forward-plan';
import { runGemm } from './wasm-gemm';
import { WasmHeap } from './wasm-heap';
import { instantiateKernelModule, type KernelExports, type PoolArguments } from './wasm-module';

/**
 * ComputeKernels on the WASM SIMD module (assembly/). Each call takes its scratch buffers from the heap's
 * pool (and gives them back), copies the inputs in (O(n)), runs the loops and copies the outputs out. A
 * strided input is first split into column phases, so every hot loop reads contiguous f32x4 runs. The
 * `device` runs whole public ops on the same heap, where tensors can stay between ops.
 */
export async function loadWasmKernels(): Promise<ComputeKernels | undefined> {
  const wasm = await instantiateKernelModule();
  return wasm === undefined ? undefined : createWasmKernels(wasm);
}

export function createWasmKernels(wasm: KernelExports): ComputeKernels {
  const heap = new WasmHeap(wasm.memory, wasm.heapBase());
  /** Runs `work` with a fresh scratch arena, always giving its blocks back. */
  const withArena = <T>(work: (arena: WasmArena) => T): T => {
    const arena = new WasmArena(heap);
    try {
      return work(arena);
    } finally {
      arena.release();
    }
  };

  return {
    name: 'wasm-simd',
    device: createWasmDevice(wasm, heap),
    native: { wasm, heap },

    convForward(x, w, bias, g, out) {
      withArena((arena) => {
        const input = planInput(arena, g);
        const plan = planForward(arena, g.outChannels, tapCount(g), g.outHeight, g.outWidth, bias !== null);
        arena.commit();
        writeInput(wasm, arena, input, x, g, plan.taps);
        arena.write(plan.weights, w);
        if (bias !== null) arena.write(plan.bias, bias);
        zeroPaddingKernels(arena, plan, g.outChannels);
        runForward(wasm, plan, input.planes, input.rowStep);
        out.set(arena.floats(plan.out, out.length));
      });
    },

    convBackwardInput(gradOut, w, g, dxPadded) {
      withArena((arena) => wasmConvBackwardInput(wasm, arena, gradOut, w, g, dxPadded));
    },

    convBackwardWeights(x, gradOut, g, dw) {
      withArena((arena) => {
        const input = planInput(arena, g);
        const taps = arena.allocate(tapCount(g));
        const gradAddress = arena.allocate(gradOut.length);
        const dwAddress = arena.allocate(dw.length);
        arena.commit();
        writeInput(wasm, arena, input, x, g, taps);
        arena.write(gradAddress, gradOut);
        wasm.convBackwardWeights(
          input.planes,
          taps,
          gradAddress,
          dwAddress,
          g.outChannels,
          tapCount(g),
          g.outHeight,
          g.outWidth,
          input.rowStep,
        );
        dw.set(arena.floats(dwAddress, dw.length));
      });
    },

    maxPool(x, g, out, argmax) {
      withArena((arena) => {
        const input = planPoolInput(arena, g);
        const outAddress = arena.allocate(out.length);
        const argmaxAddress = arena.allocate(argmax.length);
        arena.commit();
        writeColumnPhases(wasm, arena, input, x, g);
        wasm.maxPool(input.raw, input.planes, outAddress, argmaxAddress, ...poolArguments(g, input));
        out.set(arena.floats(outAddress, out.length));
        argmax.set(arena.ints(argmaxAddress, argmax.length));
      });
    },

    sumPool(x, g, out) {
      withArena((arena) => {
        const input = planPoolInput(arena, g);
        const outAddress = arena.allocate(out.length);
        arena.commit();
        writeColumnPhases(wasm, arena, input, x, g);
        wasm.sumPool(input.raw, input.planes, outAddress, ...poolArguments(g, input));
        out.set(arena.floats(outAddress, out.length));
      });
    },

    gemm(a, b, bias, g, out) {
      withArena((arena) => {
        const aAddress = arena.allocate(a.length);
        const bAddress = arena.allocate(b.length);
        arena.write(aAddress, a);
        arena.write(bAddress, b);
        const c = runGemm(wasm, arena, aAddress, bAddress, bias, g);
        out.set(arena.floats(c, out.length));
      });
    },
  };
}

/** Where a conv's input lives: as given (`raw`) and split into column phases (`planes`). */
export interface InputPlan {
  readonly raw: number;
  readonly planes: number;
  readonly planeWidth: number;
  /** Bytes from one output row's input to the next: strideY rows of strideX phase planes. */
  readonly rowStep: number;
}

export function planInput(
  arena: WasmArena,
  g: Pick<ConvGeometry, 'channels' | 'height' | 'width' | 'strideX' | 'strideY'>,
): InputPlan {
  const planeWidth = Math.ceil(g.width / g.strideX);
  const raw = arena.allocate(g.channels * g.height * g.width);
  const planes = g.strideX === 1 ? raw : arena.allocate(g.channels * g.height * g.strideX * planeWidth);
  return { raw, planes, planeWidth, rowStep: g.strideY * g.strideX * planeWidth * 4 };
}

/** Copies the input in, splits its column phases, and writes the tap offset table at `taps`. */
export function writeInput(
  wasm: KernelExports,
  arena: WasmArena,
  input: InputPlan,
  x: Float32Array,
  g: ConvGeometry,
  taps: number,
): void {
  writeColumnPhases(wasm, arena, input, x, g);
  wasm.writeTapOffsets(
    taps,
    g.channels,
    g.height,
    g.kernelHeight,
    g.kernelWidth,
    g.dilationY,
    g.dilationX,
    g.strideX,
    input.planeWidth,
  );
}

export function tapCount(g: ConvGeometry): number {
  return g.channels * g.kernelHeight * g.kernelWidth;
}

/** Pools read column phases like conv; rows need no splitting (strideY only moves the row). */
function planPoolInput(arena: WasmArena, g: PoolGeometry): InputPlan {
  return planInput(arena, { ...g, strideY: 1 });
}

/**
 * Copies `x` into WASM memory and, for a column stride above 1, splits it into column phases so every
 * load in the inner loops is contiguous. Conv and pool read their input the same way.
 */
export function writeColumnPhases(
  wasm: KernelExports,
  arena: WasmArena,
  input: InputPlan,
  x: Float32Array,
  g: { readonly channels: number; readonly height: number; readonly width: number; readonly strideX: number },
): void {
  arena.write(input.raw, x);
  if (g.strideX > 1) {
    wasm.deinterleaveColumns(
      input.raw,
      input.planes,
      g.channels * g.height,
      g.width,
      g.strideX,
      input.planeWidth,
    );
  }
}

export function poolArguments(g: PoolGeometry, input: InputPlan): PoolArguments {
  const { channels, height, width, sizeY, sizeX, strideY, strideX, outHeight, outWidth } = g;
  return [channels, height, width, sizeY, sizeX, strideY, strideX, outHeight, outWidth, input.planeWidth];
}
