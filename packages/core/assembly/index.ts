// The WASM SIMD kernels. Every function takes byte addresses into the module's one memory; the JS side
// (src/backend/wasm-kernels.ts) lays the buffers out above heapBase(), copies inputs in and outputs out.
export { convBackwardWeights } from './conv-backward';
export { convForward } from './conv-forward';
export { deinterleaveColumns, packWeightsByFour, scatterPhase, writeTapOffsets } from './conv-layout';
export { maxPool, sumPool } from './pool';

/** First free byte after the module's static data: JS-managed buffers start here. */
export function heapBase(): usize {
  return __heap_base;
}
