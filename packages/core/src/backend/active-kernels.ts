import type { ComputeKernels } from './kernels';
import { referenceKernels } from './reference-kernels';

/**
 * The kernels conv2d and pool2d run on. The reference loops are the default so core works with no
 * setup; a faster backend swaps itself in (see ready.ts) once it has loaded.
 */
let active: ComputeKernels = referenceKernels;

export function getKernels(): ComputeKernels {
  return active;
}

export function setKernels(kernels: ComputeKernels): void {
  active = kernels;
}
