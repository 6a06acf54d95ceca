import { conv2d, conv2dBackward } from '../src/conv2d';
import type { Tensor } from '../src/tensor';
import { CONV_CASES, type ConvCase, convOptions, makeInputs } from './cases';
import { type Contender, measureInterleaved, type Timing } from './measure';
import { type BenchSection, gflops, ms, ratio } from './report';
import { type TfjsBackend, tf, tfjsContender, toHwio, toNhwc } from './tfjs';

const timeOf = (timings: readonly Timing[], name: string) => timings.find((t) => t.name === name)?.medianMs ?? Number.NaN;

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
  for (const c of CONV_CASES) {
    const { x, w, gradOut, outSize, flops } = makeInputs(c);
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
    const timings = await measureInterleaved([convbook, tfConv('wasm'), tfConv('cpu')]);
    const [mine, wasm, cpu] = ['convbook', 'tfjs-wasm', 'tfjs-cpu'].map((name) => timeOf(timings, name)) as [number, number, number];
    const difference = maxDifference(ours, fromNhwc(reference, c.kernels, outSize));
    forwardMs.set(c.label, mine);
    rows.push([
      c.label,
      (flops / 1e6).toFixed(0),
      ms(mine),
      gflops(flops, mine),
      ms(wasm),
      gflops(flops, wasm),
      ms(cpu),
      gflops(flops, cpu),
      ratio(wasm / mine),
      ratio(cpu / mine),
      difference.toExponential(1),
    ]);
  }
  return {
    title: 'conv2d forward (padding same)',
    note:
      'Median ms of interleaved runs in one process, single thread. GF/s = 2·MACs / time. ×wasm and ×cpu are how many times faster convbook is; max |Δ| compares its output with tfjs-cpu.',
    headers: ['shape', 'MFLOP', 'convbook ms', 'GF/s', 'tfjs-wasm ms', 'GF/s', 'tfjs-cpu ms', 'GF/s', '×wasm', '×cpu', 'max |Δ|'],
    rows,
  };
}

/** conv2dBackward (dx, dw and db in one call) against the tfjs backprop kernels where they exist. */
export async function backwardSection(forwardMs: ReadonlyMap<string, number>): Promise<BenchSection> {
  const rows: string[][] = [];
  for (const c of CONV_CASES) {
    const { x, w, gradOut, outSize, flops } = makeInputs(c);
    const make = tfjsInputs(c, x, w, gradOut, outSize);
    const convbook: Contender = {
      name: 'convbook',
      prepare: () => () => conv2dBackward(x, w, gradOut, convOptions(c)),
    };
    const contenders: Contender[] = [convbook];
    // tfjs has no dilated backprop kernels; the wasm backend has no filter-gradient kernel at all.
    if (c.dilation === 1) {
      for (const backend of ['wasm', 'cpu'] as const) {
        contenders.push(
          tfjsContender(
            backend,
            () => [make.g(), make.w()],
            ([gt, wt]) =>
              tf.conv2dTranspose(gt as tf.Tensor4D, wt as tf.Tensor4D, [1, c.size, c.size, c.channels], c.stride, 'same'),
          ),
        );
      }
      contenders.push({
        ...tfjsContender(
          'cpu',
          () => [make.x(), make.g()],
          ([xt, gt]) =>
            tf.engine().runKernel('Conv2DBackpropFilter', { x: xt as tf.Tensor4D, dy: gt as tf.Tensor4D }, {
              strides: c.stride,
              pad: 'same',
              dataFormat: 'NHWC',
              filterShape: [c.kernel, c.kernel, c.channels, c.kernels],
            }) as tf.Tensor,
        ),
        name: 'tfjs-cpu-dw',
      });
    }
    const timings = await measureInterleaved(contenders);
    const mine = timeOf(timings, 'convbook');
    const cpuBoth = timeOf(timings, 'tfjs-cpu') + timeOf(timings, 'tfjs-cpu-dw');
    rows.push([
      c.label,
      ms(mine),
      gflops(2 * flops, mine),
      ratio(mine / (forwardMs.get(c.label) ?? Number.NaN)),
      ms(timeOf(timings, 'tfjs-wasm')),
      ms(cpuBoth),
      ratio(cpuBoth / mine),
    ]);
  }
  return {
    title: 'conv2dBackward (dx + dw + db)',
    note:
      'One conv2dBackward call computes all three gradients (2× the forward multiply-adds). ÷forward is backward time over forward time. tfjs-wasm has only the input-gradient kernel (dx alone); tfjs-cpu is dx + dw as two kernels. tfjs has no dilated backprop: n/a.',
    headers: ['shape', 'convbook ms', 'GF/s', '÷forward', 'tfjs-wasm dx ms', 'tfjs-cpu dx+dw ms', '×cpu'],
    rows,
  };
}

function fromNhwc(data: Float32Array, channels: number, size: number): Float32Array {
  const out = new Float32Array(data.length);
  for (let i = 0; i < size * size; i++) for (let ch = 0; ch < channels; ch++) out[ch * size * size + i] = data[i * channels + ch] as number;
  return out;
}

function maxDifference(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) return Number.NaN;
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs((a[i] as number) - (b[i] as number)));
  return worst;
}
