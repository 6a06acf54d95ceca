import { type ActivationName, type ActivationOptions, applyActivationInPlace } from '../activations';
import type { Tensor } from '../tensor';

/**
 * An activation a parallel conv applies to its output after the conv, in each worker to that worker's
 * own maps, so it is not one more serial pass over the whole output on the calling thread. It is the
 * conv cell's own pass, applyActivationInPlace (the JS loop), and not conv2d's fused `activation` (the
 * WASM kernel), which gives NaN another sign bit: either way the bits are those of conv2d without an
 * activation followed by applyActivationInPlace on this thread.
 */
export interface ActivationAfter extends ActivationOptions {
  readonly name: ActivationName;
}

/** `maps` (a conv's fresh output, seen by no one else) with the activation applied in place, if any. */
export function applyActivationAfter(maps: Tensor, after: ActivationAfter | undefined): Tensor {
  if (after === undefined) return maps;
  return applyActivationInPlace(after.name, maps, after.alpha === undefined ? {} : { alpha: after.alpha });
}
