import { wasmBinaryBase64 } from './generated/wasm-binary';

/**
 * Loading the AssemblyScript kernels (assembly/). Core's tsconfig has neither the DOM lib nor Node's
 * WebAssembly types, so the few calls used here are typed locally and every export is checked on load.
 */

export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

type Address = number;

/** The module's exports; addresses are byte offsets into `memory`. See assembly/*.ts for the contracts. */
export interface KernelExports {
  readonly memory: WasmMemory;
  heapBase(): Address;
  deinterleaveColumns(
    src: Address,
    dst: Address,
    rows: number,
    width: number,
    stride: number,
    planeWidth: number,
  ): void;
  writeTapOffsets(
    dst: Address,
    channels: number,
    height: number,
    kernelHeight: number,
    kernelWidth: number,
    dilationY: number,
    dilationX: number,
    strideX: number,
    planeWidth: number,
  ): void;
  packWeightsByFour(w: Address, dst: Address, blocks: number, taps: number): void;
  scatterPhase(
    src: Address,
    dst: Address,
    rows: number,
    width: number,
    rowStep: number,
    columnStep: number,
  ): void;
  convForward(
    x: Address,
    taps: Address,
    w: Address,
    packed: Address,
    bias: Address,
    out: Address,
    outChannels: number,
    tapCount: number,
    outHeight: number,
    outWidth: number,
    rowStep: number,
    activation: ActivationCode,
    alpha: number,
  ): void;
  convBackwardWeights(
    x: Address,
    taps: Address,
    g: Address,
    dw: Address,
    outChannels: number,
    tapCount: number,
    outHeight: number,
    outWidth: number,
    rowStep: number,
  ): void;
  maxPool(x: Address, planes: Address, out: Address, argmax: Address, ...geometry: PoolArguments): void;
  sumPool(x: Address, planes: Address, out: Address, ...geometry: PoolArguments): void;
  /** 2×2 stride 2, no padding; argmax 0 skips the indices. Last four: channels, height, width, outH, outW. */
  maxPool2x2(x: Address, out: Address, argmax: Address, ...geometry: Pool2x2Arguments): void;
  avgPool2x2(x: Address, out: Address, ...geometry: Pool2x2Arguments): void;
  scatterAdd(argmax: Address, g: Address, dx: Address, count: number): void;
  /** The [C, H, W] interior of a [C, Hp, Wp] block whose padding starts at top, left. */
  cropPadded(
    src: Address,
    dst: Address,
    channels: number,
    paddedHeight: number,
    paddedWidth: number,
    top: number,
    left: number,
    height: number,
    width: number,
  ): void;
  /** src [C, H, W] → dst padded by top, bottom, left, right cells holding `fill`. */
  padConstant(
    src: Address,
    dst: Address,
    channels: number,
    height: number,
    width: number,
    top: number,
    bottom: number,
    left: number,
    right: number,
    fill: number,
  ): void;
  gemm(
    a: Address,
    b: Address,
    bias: Address,
    c: Address,
    m: number,
    k: number,
    n: number,
    stride: number,
  ): void;
  packColumns(src: Address, dst: Address, rows: number, cols: number, stride: number): void;
  transposePack(src: Address, dst: Address, rows: number, cols: number, stride: number): void;
  /** Values → gray RGBA words (assembly/colour-words.ts); span > 0 and finite. */
  grayWords(src: Address, dst: Address, count: number, min: number, span: number, nanWord: number): void;
  /** Values → diverging RGBA words; colours packed 0x00BBGGRR; maxAbs > 0 and finite. */
  divergingWords(
    src: Address,
    dst: Address,
    count: number,
    maxAbs: number,
    zero: number,
    negative: number,
    positive: number,
    nanWord: number,
  ): void;
  /** dst[y·columnCount + x] = src[y·width + columns[x]] for y < rowCount (columns: i32 indices). */
  gatherColumns(
    src: Address,
    width: number,
    rowCount: number,
    columns: Address,
    columnCount: number,
    dst: Address,
  ): void;
  /** Per plane: finite min, finite max and the count of NaN/±∞, as f64 triples at dst. */
  planeRanges(src: Address, dst: Address, planes: number, planeSize: number): void;
  /** dst[p] = sum of plane p of src [planes, planeSize]. */
  sumPlanes(src: Address, dst: Address, planes: number, planeSize: number): void;
  activateInPlace(src: Address, dst: Address, count: number, activation: ActivationCode, alpha: number): void;
  /** Batch of padded inputs [N, C, H, W] → column matrix [C·kh·kw, stride] (assembly/im2col.ts). */
  im2col(x: Address, cols: Address, ...geometry: Im2colArguments): void;
  /** The adjoint: column matrix → padded input gradient [N, C, H, W], overwritten. */
  col2im(cols: Address, dx: Address, ...geometry: Im2colArguments): void;
  /** [O, stride] product rows → [N, O, P] + bias, relu when activation is 1 (assembly/batch-layout.ts). */
  rowsToBatch(
    src: Address,
    dst: Address,
    bias: Address,
    kernels: number,
    batch: number,
    plane: number,
    stride: number,
    activation: number,
  ): void;
  gradientLayouts(
    grad: Address,
    out: Address,
    relu: number,
    kernels: number,
    batch: number,
    plane: number,
    rows: Address,
    rowStride: number,
    columns: Address,
    columnRows: number,
    columnStride: number,
    bias: Address,
  ): void;
  /** Summed loss of a batch; gradient and probabilities written unless their address is 0. */
  softmaxCrossEntropy(
    logits: Address,
    labels: Address,
    grad: Address,
    probabilities: Address,
    batch: number,
    classes: number,
    scale: number,
  ): number;
  lastCorrect(): number;
}

/**
 * batch, channels, height, width (padded), kernelHeight, kernelWidth, strideY, strideX, dilationY,
 * dilationX, outHeight, outWidth, stride (row length of the column matrix, ≥ batch·outH·outW).
 */
export type Im2colArguments = [
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
  number,
];

/** Activations the kernels apply themselves (assembly/conv-forward.ts): none, relu, leaky relu. */
export const ACTIVATION_CODES = { identity: 0, relu: 1, 'leaky-relu': 2 } as const;
export type ActivationCode = (typeof ACTIVATION_CODES)[keyof typeof ACTIVATION_CODES];

/** channels, height, width, outHeight, outWidth. */
export type Pool2x2Arguments = [number, number, number, number, number];

/** channels, height, width, sizeY, sizeX, strideY, strideX, outHeight, outWidth, planeWidth. */
export type PoolArguments = [number, number, number, number, number, number, number, number, number, number];

const FUNCTION_NAMES = [
  'heapBase',
  'deinterleaveColumns',
  'writeTapOffsets',
  'packWeightsByFour',
  'scatterPhase',
  'convForward',
  'convBackwardWeights',
  'maxPool',
  'sumPool',
  'maxPool2x2',
  'avgPool2x2',
  'scatterAdd',
  'padConstant',
  'cropPadded',
  'gemm',
  'packColumns',
  'transposePack',
  'activateInPlace',
  'sumPlanes',
  'grayWords',
  'divergingWords',
  'gatherColumns',
  'planeRanges',
  'im2col',
  'col2im',
  'rowsToBatch',
  'gradientLayouts',
  'softmaxCrossEntropy',
  'lastCorrect',
] as const;

interface WebAssemblyApi {
  validate(bytes: Uint8Array): boolean;
  instantiate(bytes: Uint8Array): Promise<{ instance: { exports: Record<string, unknown> } }>;
}

function webAssemblyApi(): WebAssemblyApi | undefined {
  return (globalThis as { WebAssembly?: WebAssemblyApi }).WebAssembly;
}

/**
 * The smallest module that uses SIMD: one function returning `v128.const 0`. Engines without SIMD reject
 * it, which is the whole test.
 */
const SIMD_PROBE = hexBytes(
  [
    '0061736d 01000000', // magic, version 1
    '01 05 01 60 00 01 7b', // type section: () -> v128
    '03 02 01 00', // function section: one function of type 0
    `0a 16 01 14 00 fd0c ${'00'.repeat(16)} 0b`, // code: v128.const 0, end
  ].join(''),
);

function hexBytes(hex: string): Uint8Array {
  const digits = hex.replace(/\s/g, '');
  return Uint8Array.from({ length: digits.length / 2 }, (_, i) =>
    Number.parseInt(digits.slice(2 * i, 2 * i + 2), 16),
  );
}

export function supportsWasmSimd(): boolean {
  const api = webAssemblyApi();
  if (api === undefined) return false;
  try {
    return api.validate(SIMD_PROBE);
  } catch {
    return false;
  }
}

/** Instantiates the kernels, or resolves to undefined where WebAssembly or SIMD is missing. */
export async function instantiateKernelModule(): Promise<KernelExports | undefined> {
  const api = webAssemblyApi();
  if (api === undefined || !supportsWasmSimd()) return undefined;
  const { instance } = await api.instantiate(decodeBase64(wasmBinaryBase64));
  return checkExports(instance.exports);
}

function checkExports(exports: Record<string, unknown>): KernelExports {
  for (const name of FUNCTION_NAMES) {
    if (typeof exports[name] !== 'function') throw new Error(`wasm kernels: export ${name} is missing`);
  }
  const memory = exports.memory as Partial<WasmMemory> | undefined;
  if (!(memory?.buffer instanceof ArrayBuffer) || typeof memory.grow !== 'function') {
    throw new Error('wasm kernels: export memory is missing');
  }
  return exports as unknown as KernelExports;
}

function decodeBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
