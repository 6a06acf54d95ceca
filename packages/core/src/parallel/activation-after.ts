import { type ActivationName, type ActivationOptions, applyActivationInPlace } from '../activations';
import { type Conv2dOptions, conv2d } from '../conv2d';
import type { Tensor } from '../tensor';

/**
 * An activation a conv cell applies to its output after the conv: in a parallel conv, in each worker to
 * that worker's own maps, so it is not one more serial pass over the whole output on the calling thread.
 * Relu and leaky relu go into the conv itself (conv2dThenActivation), where the kernels apply them as they store
 * each output with the very bits of the JS pass (assembly/activation.ts); the others run the conv cell's
 * own pass, applyActivationInPlace. Either way the bits are those of conv2d without an activation followed
 * by applyActivationInPlace on this thread.
 */
export interface ActivationAfter extends ActivationOptions {
  readonly name: ActivationName;
}

/** The activations conv2d applies as it stores each output, bit for bit as applyActivationInPlace would. */
const FUSED: ReadonlySet<ActivationName> = new Set(['relu', 'leaky-relu']);

/**
 * conv2d, then `after`: folded into the conv where conv2d fuses it (relu, leaky relu: one pass fewer),
 * else applied over the fresh output in place. Options that already name an activation keep it, and
 * `after` then follows it.
 */
export function conv2dThenActivation(
  x: Tensor,
  w: Tensor,
  options: Conv2dOptions,
  after: ActivationAfter | undefined,
): Tensor {
  const unset = options.activation === undefined || options.activation === 'identity';
  if (after === undefined || !unset || !FUSED.has(after.name))
    return applyActivationAfter(conv2d(x, w, options), after);
  const alpha = after.alpha === undefined ? {} : { alpha: after.alpha };
  return conv2d(x, w, { ...options, activation: after.name, ...alpha });
}

/** `maps` (a conv's fresh output, seen by no one else) with the activation applied in place, if any. */
function applyActivationAfter(maps: Tensor, after: ActivationAfter | undefined): Tensor {
  if (after === undefined) return maps;
  return applyActivationInPlace(after.name, maps, after.alpha === undefined ? {} : { alpha: after.alpha });
}
