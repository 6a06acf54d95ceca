import type { ConvGeometry } from './kernels';

/**
 * Which WASM loop runs a public forward conv: 'direct' walks a tap-offset table over the padded input
 * (conv-forward.ts), 'gemm' lays the input out as a column matrix (im2col.ts) and runs the gemm tile.
 * The rule, measured in the bench ("conv loops" in BENCHMARKS.md): gemm when the output is at most 10
 * columns wide and each output sums at least 64 taps (C·kh·kw), direct otherwise. Narrow maps leave the
 * direct loop's 8- and 16-column blocks part empty while the column matrix packs every output position
 * of the map into the lanes; from 14 columns on, direct ties or wins (gemm 0.3–0.7× on the whole
 * forward suite, strided and dilated shapes included): it reads the input in place, builds no K×P matrix.
 */
export type ConvAlgorithm = 'gemm' | 'direct';

let forced: ConvAlgorithm | undefined;

export function chooseConvAlgorithm(g: ConvGeometry): ConvAlgorithm {
  if (forced !== undefined) return forced;
  const taps = g.channels * g.kernelHeight * g.kernelWidth;
  return g.outWidth <= 10 && taps >= 64 ? 'gemm' : 'direct';
}

/** For benchmarks and tests: every forward conv takes `algorithm` until called with undefined. */
export function forceConvAlgorithm(algorithm: ConvAlgorithm | undefined): void {
  forced = algorithm;
}
