// The WASM SIMD kernels. Every function takes byte addresses into the module's one memory; the JS side
// (src/backend/wasm-*.ts) keeps the buffers in a pool above heapBase().
export { activateInPlace, sumPlanes } from './activation';
export { gradientLayouts, rowsToBatch } from './batch-layout';
export { divergingWords, gatherColumns, grayWords, planeRanges } from './colour-words';
export { convBackwardWeights } from './conv-backward';
export { convForward } from './conv-forward';
export {
  cropPadded,
  deinterleaveColumns,
  packWeightsByFour,
  padConstant,
  scatterPhase,
  writeTapOffsets,
} from './conv-layout';
export { col2im, im2col } from './im2col';
export { gemm, packColumns, transposePack } from './matmul';
export { maxPool, sumPool } from './pool';
export { avgPool2x2, maxPool2x2, scatterAdd } from './pool-2x2';
export { lastCorrect, softmaxCrossEntropy } from './softmax-loss';

/** First free byte after the module's static data: JS-managed buffers start here. */
export function heapBase(): usize {
  return __heap_base;
}
