import { getKernels } from '../src/backend/active-kernels';
import { conv2d, conv2dBackward } from '../src/conv2d';
import type { Tensor } from '../src/tensor';
import { fromWasm, toWasm } from '../src/wasm-memory';
import { CONV_CASES, type ConvCase, convOptions, makeInputs } from './cases';
import { goalAtLeast, goalAtMost } from './goals';
import { prepareKernelCall } from './kernel-call';
import { type Contender, measureInterleaved, residentContender, type Timing } from './measure';
import { type BenchSection, gflops, ms, ratio } from './report';
import { type TfjsBackend, tf, tfjsContender, toHwio, toNhwc } from './tfjs';

const timeOf = (timings: readonly Timing[], name: string) =>
  timings.find((t) => t.name === name)?.medianMs ?? Number.NaN;
const bestOf = (timings: readonly Timing[], name: string) =>
  timings.find((t) => t.name === name)?.bestMs ?? Number.NaN;

function tfjsInputs(c: ConvCase, x: Tensor, w: Tensor, gradOut: Tensor, outSize: number) {
  const xData = toNhwc(x.data, x.shape);
  const wData = toHwio(w.data, w.shape);
  const gData = toNhwc(gradOut.data, gradOut.shape);
  return {
    x: () => tf.tensor4d(xData, [1, c.size, c.size, c.channels]),
    w: () => tf.tensor4d(wData, [c.kernel, c.kernel, c.channels, c.kernels]),
    g: () => tf.tensor4d(gData, [1, outSize, outSize, c.kernels]),
  };
}

/**
 * conv2d forward against tfjs-wasm and tfjs-cpu, plus the largest difference from tfjs-cpu's output.
 * Records convbook's times in `forwardMs` for the backward section's ratio.
 */
export async function forwardSection(forwardMs: Map<string, number>): Promise<BenchSection> {
  const rows: string[][] = [];
  let worst = Number.POSITIVE_INFINITY;
  let worstInWasm = Number.POSITIVE_INFINITY;
  let freshNote = '';
  for (const c of CONV_CASES) {
    const inputs = makeInputs(c);
    const { x, w, gradOut, outSize, flops } = inputs;
    const make = tfjsInputs(c, x, w, gradOut, outSize);
    let ours: Float32Array = new Float32Array(0);
    let reference: Float32Array = new Float32Array(0);
    const tfConv = (backend: TfjsBackend) =>
      tfjsContender(
        backend,
        () => [make.x(), make.w()],
        ([xt, wt]) => tf.conv2d(xt as tf.Tensor4D, wt as tf.Tensor4D, c.stride, 'same', 'NHWC', c.dilation),
        backend === 'cpu' ? (data) => (reference = data) : undefined,
      );
    const convbook: Contender = {
      name: 'convbook',
      prepare: () => () => (ours = conv2d(x, w, convOptions(c)).data),
    };
    const call = prepareKernelCall(c, inputs);
    const kernelOnly: Contender = {
      name: 'kernel',
      prepare: () => () => getKernels().convForward(call.paddedInput, w.data, null, call.geometry, call.out),
    };
    const inWasm = residentContender(
      'in wasm',
      () => [toWasm(x)],
      ([input]) => {
        const out = conv2d(input as Tensor, w, convOptions(c));
        fromWasm(out);
        out.dispose();
      },
    );
    const kept = residentContender(
      'kept',
      () => [toWasm(x)],
      ([input]) => conv2d(input as Tensor, w, convOptions(c)).dispose(),
    );
    const contenders = [convbook, kernelOnly, inWasm, kept, tfConv('wasm'), tfConv('cpu')];
    if (c === CONV_CASES[0]) contenders.push(freshOutput(c.kernels * outSize * outSize));
    const timings = await measureInterleaved(contenders, { maxRounds: 60, budgetMs: 1000 });
    const names = ['convbook', 'kernel', 'in wasm', 'kept', 'tfjs-wasm', 'tfjs-cpu'];
    const [mine, kernel, mineInWasm, keptMs, wasm, cpu] = names.map((name) => timeOf(timings, name)) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const difference = maxDifference(ours, fromNhwc(reference, c.kernels, outSize));
    forwardMs.set(c.label, mine);
    worst = Math.min(worst, wasm / mine);
    worstInWasm = Math.min(worstInWasm, wasm / mineInWasm);
    if (c === CONV_CASES[0]) {
      freshNote = freshOutputNote(timeOf(timings, 'fresh output'), kernel, mine);
      goalAtMost(`conv2d public call, ${c.label}, JS tensors`, 'its kernel alone', mine / kernel, 1.5);
      goalAtMost(
        `conv2d public call, ${c.label}, output kept in WASM`,
        'its kernel alone',
        keptMs / kernel,
        1.5,
      );
    }
    rows.push([
      c.label,
      (flops / 1e6).toFixed(0),
      ms(mine),
      gflops(flops, mine),
      ratio(mine / kernel),
      ms(kernel),
      gflops(flops, kernel),
      ms(mineInWasm),
      ms(keptMs),
      ms(wasm),
      gflops(flops, wasm),
      ms(cpu),
      gflops(flops, cpu),
      ratio(wasm / mine),
      ratio(bestOf(timings, 'tfjs-wasm') / bestOf(timings, 'convbook')),
      ratio(cpu / mine),
      difference.toExponential(1),
    ]);
  }
  goalAtLeast('conv2d forward, worst of the 6 shapes (public call, JS tensors)', 'tfjs-wasm', worst, 1);
  goalAtLeast('conv2d forward, worst of the 6 shapes (input in WASM memory)', 'tfjs-wasm', worstInWasm, 1);
  return {
    title: 'conv2d forward (padding same)',
    note: `Median ms of interleaved runs in one process, single thread. GF/s = 2·MACs / time. "convbook" is the public conv2d on JS tensors (validation, the input rows copied straight into their padded place in WASM memory, kernel, output copied out into a new JS tensor); ÷kernel divides it by "kernel", the WASM loop alone on an already padded input (copy in and out included, into a preallocated output). "in wasm" is the public call on a tensor already in WASM memory, output read back into JS; "kept" leaves the output in WASM memory (freed, never read), as inside a chain. ×wasm and ×cpu are how many times faster the public call is; "best ×wasm" compares the fastest runs, which is what survives when other processes share the two cores (see the load average); max |Δ| compares the output with tfjs-cpu. Worst ×wasm: ${ratio(worst)} (public call on JS tensors), ${ratio(worstInWasm)} (input in WASM memory, like tfjs's). ${freshNote}`,
    headers: [
      'shape',
      'MFLOP',
      'convbook ms',
      'GF/s',
      '÷kernel',
      'kernel ms',
      'GF/s',
      'in wasm ms',
      'kept ms',
      'tfjs-wasm ms',
      'GF/s',
      'tfjs-cpu ms',
      'GF/s',
      '×wasm',
      'best ×wasm',
      '×cpu',
      'max |Δ|',
    ],
    rows,
  };
}

/**
 * conv2dBackward (dx, dw and db in one call), and the two gradient kernels alone. tfjs is timed on its
 * input-gradient kernel (conv2dTranspose); its weight-gradient kernel exists only on tfjs-cpu and runs
 * at ~0.01 GF/s there (400 ms for the smallest case), which would blow the time budget.
 */
export async function backwardSection(forwardMs: ReadonlyMap<string, number>): Promise<BenchSection> {
  const rows: string[][] = [];
  for (const c of CONV_CASES) {
    const inputs = makeInputs(c);
    const { x, w, gradOut, outSize, flops } = inputs;
    const make = tfjsInputs(c, x, w, gradOut, outSize);
    const call = prepareKernelCall(c, inputs);
    const contenders: Contender[] = [
      { name: 'convbook', prepare: () => () => conv2dBackward(x, w, gradOut, convOptions(c)) },
      {
        name: 'dx kernel',
        prepare: () => () =>
          getKernels().convBackwardInput(gradOut.data, w.data, call.geometry, call.dxPadded),
      },
      {
        name: 'dw kernel',
        prepare: () => () =>
          getKernels().convBackwardWeights(call.paddedInput, gradOut.data, call.geometry, call.dw),
      },
    ];
    // tfjs has no dilated input-gradient kernel.
    if (c.dilation === 1) {
      for (const backend of ['wasm', 'cpu'] as const) {
        contenders.push(
          tfjsContender(
            backend,
            () => [make.g(), make.w()],
            ([gt, wt]) =>
              tf.conv2dTranspose(
                gt as tf.Tensor4D,
                wt as tf.Tensor4D,
                [1, c.size, c.size, c.channels],
                c.stride,
                'same',
              ),
          ),
        );
      }
    }
    const timings = await measureInterleaved(contenders);
    const [mine, dx, dw, wasm, cpu] = ['convbook', 'dx kernel', 'dw kernel', 'tfjs-wasm', 'tfjs-cpu'].map(
      (name) => timeOf(timings, name),
    ) as [number, number, number, number, number];
    const forward = forwardMs.get(c.label) ?? Number.NaN;
    rows.push([
      c.label,
      ms(mine),
      ratio(mine / forward),
      ms(dx),
      gflops(flops, dx),
      ms(dw),
      gflops(flops, dw),
      ms(wasm),
      ms(cpu),
      ratio(wasm / dx),
      ratio(cpu / dx),
    ]);
  }
  return {
    title: 'conv2dBackward',
    note: '"convbook" is one public conv2dBackward call (dx + dw + db: twice the forward multiply-adds, plus padding and unpadding); ÷forward divides it by the public conv2d time above. "dx kernel" and "dw kernel" are the WASM loops alone. tfjs columns are its input-gradient kernel; ×wasm and ×cpu compare it with the dx kernel. tfjs has no dilated backprop: n/a.',
    headers: [
      'shape',
      'convbook ms',
      '÷forward',
      'dx kernel ms',
      'GF/s',
      'dw kernel ms',
      'GF/s',
      'tfjs-wasm dx ms',
      'tfjs-cpu dx ms',
      '×wasm',
      '×cpu',
    ],
    rows,
  };
}

/**
 * A new JS array of the output's size, filled by one copy: what the public call on JS tensors must hand
 * out and the kernel alone does not (it reuses one output). Fresh memory costs a page fault per 4 KiB
 * page on first touch, which is most of this.
 */
function freshOutput(size: number): Contender {
  const source = new Float32Array(size).fill(1);
  let kept = 0;
  return { name: 'fresh output', prepare: () => () => (kept += source.slice()[0] ?? 0) };
}

function freshOutputNote(freshMs: number, kernelMs: number, publicMs: number): string {
  return `On the gray case a fresh output array alone (a new 1 MiB Float32Array, filled: the first touch of fresh memory) took ${ms(freshMs)} ms in this run: kernel + fresh output is ${ratio((kernelMs + freshMs) / kernelMs)} the kernel's time, the public call ${ratio(publicMs / kernelMs)}.`;
}

function fromNhwc(data: Float32Array, channels: number, size: number): Float32Array {
  const out = new Float32Array(data.length);
  for (let i = 0; i < size * size; i++)
    for (let ch = 0; ch < channels; ch++) out[ch * size * size + i] = data[i * channels + ch] ?? 0;
  return out;
}

function maxDifference(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Number.NaN;
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] ?? 0) - (b[i] ?? 0)));
  return worst;
}
