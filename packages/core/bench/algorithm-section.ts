import { getKernels } from '../src/backend/active-kernels';
import { type ConvAlgorithm, chooseConvAlgorithm, forceConvAlgorithm } from '../src/backend/conv-algorithm';
import type { ConvGeometry } from '../src/backend/kernels';
import { WasmWorkspace } from '../src/backend/wasm-workspace';
import { conv2d } from '../src/conv2d';
import { padImage } from '../src/pad';
import { createRandom } from '../src/random';
import type { Tensor } from '../src/tensor';
import { ConvGemm } from '../src/train/conv-gemm';
import { params } from '../src/train/layers';
import { toWasm } from '../src/wasm-memory';
import { CONV_CASES, type ConvCase, convOptions, makeInputs } from './cases';
import { prepareKernelCall } from './kernel-call';
import { type Contender, measureInterleaved, residentContender, type Timing } from './measure';
import { type BenchSection, ms, ratio } from './report';

const timeOf = (timings: readonly Timing[], name: string) =>
  timings.find((t) => t.name === name)?.medianMs ?? Number.NaN;

/** Small maps with many channels (the late layers of a CNN), where the rule turns to gemm. */
const SMALL_MAPS: readonly ConvCase[] = [
  { label: '64×7×7 → 128×3×3', channels: 64, size: 7, kernels: 128, kernel: 3, stride: 1, dilation: 1 },
  { label: '32×14×14 → 64×3×3', channels: 32, size: 14, kernels: 64, kernel: 3, stride: 1, dilation: 1 },
  { label: '16×10×10 → 32×5×5', channels: 16, size: 10, kernels: 32, kernel: 5, stride: 1, dilation: 1 },
  { label: '8×14×14 → 16×5×5', channels: 8, size: 14, kernels: 16, kernel: 5, stride: 1, dilation: 1 },
];

/** Forward suite: the public conv on a tensor in WASM memory, output kept there, each loop forced. */
async function suiteRows(): Promise<string[][]> {
  const rows: string[][] = [];
  for (const c of [...CONV_CASES, ...SMALL_MAPS]) {
    const { x, w } = makeInputs(c);
    const forced = (algorithm: ConvAlgorithm): Contender => {
      const run = residentContender(
        algorithm,
        () => [toWasm(x)],
        ([input]) => conv2d(input as Tensor, w, convOptions(c)).dispose(),
      );
      return {
        name: algorithm,
        prepare: () => {
          forceConvAlgorithm(algorithm);
          return run.prepare();
        },
        cleanup: () => {
          run.cleanup?.();
          forceConvAlgorithm(undefined);
        },
      };
    };
    const timings = await measureInterleaved([forced('direct'), forced('gemm')], {
      maxRounds: 40,
      budgetMs: 800,
    });
    const direct = timeOf(timings, 'direct');
    const gemm = timeOf(timings, 'gemm');
    const rule = chooseConvAlgorithm(prepareKernelCall(c, makeInputs(c)).geometry);
    rows.push([c.label, ms(direct), ms(gemm), ratio(direct / gemm), rule]);
  }
  return rows;
}

interface TrainShape {
  readonly label: string;
  readonly g: ConvGeometry;
  readonly inShape: [number, number, number];
}

/** The digits network's two convs (zero padding 2, 'same'), as the training layers see them. */
const TRAIN_SHAPES: readonly TrainShape[] = [
  { label: 'digits conv1 5×5×8 on 1×28×28', g: trainGeometry(1, 28, 8), inShape: [1, 28, 28] },
  { label: 'digits conv2 5×5×16 on 8×14×14', g: trainGeometry(8, 14, 16), inShape: [8, 14, 14] },
];
const BATCH = 20;

function trainGeometry(channels: number, size: number, kernels: number): ConvGeometry {
  const padded = size + 4;
  return {
    channels,
    height: padded,
    width: padded,
    outChannels: kernels,
    kernelHeight: 5,
    kernelWidth: 5,
    strideY: 1,
    strideX: 1,
    dilationY: 1,
    dilationX: 1,
    outHeight: size,
    outWidth: size,
  };
}

/** A batch of 20 through each pass: the direct kernels example by example, and one ConvGemm call. */
async function trainRows(): Promise<string[][]> {
  const native = getKernels().native;
  if (native === undefined) return [];
  const rows: string[][] = [];
  for (const shape of TRAIN_SHAPES) {
    const { g, inShape } = shape;
    const random = createRandom(7);
    const fill = (n: number) => Float32Array.from({ length: n }, () => random() - 0.5);
    const inSize = inShape[0] * inShape[1] * inShape[2];
    const outSize = g.outChannels * g.outHeight * g.outWidth;
    const paddedSize = g.channels * g.height * g.width;
    const p = params('bench', [g.outChannels, g.channels, 5, 5], g.outChannels, 1, 1);
    p.weights.set(fill(p.weights.length));
    const x = fill(BATCH * inSize);
    const padded = new Float32Array(BATCH * paddedSize);
    const pads = { top: 2, bottom: 2, left: 2, right: 2 };
    for (let b = 0; b < BATCH; b++)
      padded.set(
        padImage(x.subarray(b * inSize, (b + 1) * inSize), inShape[0], inShape[1], inShape[2], pads, 'zeros'),
        b * paddedSize,
      );
    const out = new Float32Array(BATCH * outSize);
    const gradOut = fill(BATCH * outSize);
    const dx = new Float32Array(BATCH * inSize);
    const dw = new Float32Array(p.weights.length);
    const ws = new WasmWorkspace(native);
    const gemm = new ConvGemm(ws, g, [2, 2, 2, 2], inShape, false, {
      forwardLoop: 'gemm',
      inputGradient: 'gemm',
    });
    gemm.forward(x, out, BATCH, p);
    const directWs = new WasmWorkspace(native);
    const direct = new ConvGemm(directWs, g, [2, 2, 2, 2], inShape, false, {
      forwardLoop: 'direct',
      inputGradient: 'direct',
    });
    direct.forward(x, out, BATCH, p);
    const kernels = getKernels();
    const perExample = (work: (b: number) => void) => () => {
      for (let b = 0; b < BATCH; b++) work(b);
    };
    const contenders: Contender[] = [
      { name: 'direct forward', prepare: () => () => direct.forward(x, out, BATCH, p) },
      { name: 'gemm forward', prepare: () => () => gemm.forward(x, out, BATCH, p) },
      {
        name: 'direct dw',
        prepare: () =>
          perExample((b) =>
            kernels.convBackwardWeights(
              padded.subarray(b * paddedSize, (b + 1) * paddedSize),
              gradOut.subarray(b * outSize, (b + 1) * outSize),
              g,
              dw,
            ),
          ),
      },
      { name: 'gemm dw', prepare: () => () => gemm.backward(gradOut, null, BATCH, p) },
      { name: 'direct dw+dx', prepare: () => () => direct.backward(gradOut, dx, BATCH, p) },
      { name: 'direct dw only', prepare: () => () => direct.backward(gradOut, null, BATCH, p) },
      { name: 'gemm dw+dx', prepare: () => () => gemm.backward(gradOut, dx, BATCH, p) },
    ];
    const timings = await measureInterleaved(contenders, { maxRounds: 40, budgetMs: 1000 });
    ws.dispose();
    directWs.dispose();
    const t = (name: string) => timeOf(timings, name);
    const gemmDx = t('gemm dw+dx') - t('gemm dw');
    const directDx = t('direct dw+dx') - t('direct dw only');
    rows.push([
      `${shape.label}, batch 20, forward`,
      ms(t('direct forward')),
      ms(t('gemm forward')),
      ratio(t('direct forward') / t('gemm forward')),
      'direct',
    ]);
    rows.push([
      `same, dw`,
      ms(t('direct dw')),
      ms(t('gemm dw')),
      ratio(t('direct dw') / t('gemm dw')),
      'gemm',
    ]);
    rows.push(['same, dx', ms(directDx), ms(gemmDx), ratio(directDx / gemmDx), 'direct']);
  }
  return rows;
}

/** im2col + gemm against the direct conv loops, per shape, and what the rules pick. */
export async function algorithmSection(): Promise<BenchSection> {
  const rows = [...(await suiteRows()), ...(await trainRows())];
  return {
    title: 'conv loops: direct against im2col + gemm',
    note: `Interleaved medians, single thread. Forward suite and small maps: the public conv2d on an input already in WASM memory, output kept there, with each loop forced (the rest of the call is the same). Training shapes, a batch of 20: forward, the training layer (train/conv-gemm.ts, which pads and lays out the batch itself) with its direct loop (example by example on the padded batch) against its im2col + gemm; dw, the direct kernels one example at a time (the layer's path before: padded input given, copies in and out included) against the layer's gemm; dx, the layer's direct loop on the padded gradient with the kernels turned (train/conv-input-gradient.ts) against its gemm + col2im, each its dw+dx call minus its dw call. ×gemm = direct ÷ gemm: above 1× gemm is faster. "picks" is the rule: src/backend/conv-algorithm.ts for the public op, train/conv-gemm.ts in training (forward and dx direct, dw gemm).`,
    headers: ['shape', 'direct ms', 'gemm ms', '×gemm', 'picks'],
    rows,
  };
}
