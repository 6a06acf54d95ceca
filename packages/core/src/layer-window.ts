import { effectiveKernel, outputLength, type Padding, type PaddingSpec, resolvePadding } from './output-size';
import { formatShape, requireInteger, ShapeError } from './shape-errors';

/**
 * The sliding window of a conv or pool layer as plain numbers — kernel, stride, dilation, the four pads —
 * and the two things layer arithmetic needs from it: the output size, and how many taps of all window
 * placements land on a real input rather than on padding.
 */
export interface LayerWindow {
  readonly kernel: readonly [number, number];
  readonly stride: readonly [number, number];
  readonly dilation: readonly [number, number];
  readonly pads: Padding;
  readonly outputSize: readonly [number, number];
}

export interface WindowSpec {
  readonly kernel: number | readonly [number, number];
  readonly stride?: number | readonly [number, number];
  readonly dilation?: number | readonly [number, number];
  readonly padding?: PaddingSpec | undefined;
}

export function pairOf(
  op: string,
  name: string,
  value: number | readonly [number, number],
): [number, number] {
  const [a, b] = typeof value === 'number' ? [value, value] : value;
  requireInteger(op, name, a, 1);
  requireInteger(op, name, b, 1);
  return [a, b];
}

/** Resolves a window over an input of `[h, w]`; throws when the window does not fit the padded input. */
export function resolveWindow(op: string, input: readonly [number, number], spec: WindowSpec): LayerWindow {
  const kernel = pairOf(op, 'kernel', spec.kernel);
  const stride = pairOf(op, 'stride', spec.stride ?? 1);
  const dilation = pairOf(op, 'dilation', spec.dilation ?? 1);
  const span: [number, number] = [
    effectiveKernel(kernel[0], dilation[0]),
    effectiveKernel(kernel[1], dilation[1]),
  ];
  const pads = resolvePadding(op, spec.padding ?? 'valid', input, span, stride);
  const outH = outputLength(input[0], kernel[0], stride[0], dilation[0], pads.top, pads.bottom);
  const outW = outputLength(input[1], kernel[1], stride[1], dilation[1], pads.left, pads.right);
  if (outH < 1 || outW < 1) {
    const padded = [input[0] + pads.top + pads.bottom, input[1] + pads.left + pads.right];
    throw new ShapeError(op, `kernel is ${formatShape(span)} but the padded input is ${formatShape(padded)}`);
  }
  return { kernel, stride, dilation, pads, outputSize: [outH, outW] };
}

/**
 * Taps of every placement along one axis that land inside the input (not on padding). Rows and columns are
 * independent, so the taps of a 2-D window that meet real pixels are (real rows) × (real columns).
 */
export function realTapsAlongAxis(
  inLen: number,
  kernel: number,
  stride: number,
  dilation: number,
  padBefore: number,
  outLen: number,
): number {
  let taps = 0;
  for (let o = 0; o < outLen; o++) {
    for (let k = 0; k < kernel; k++) {
      const at = o * stride - padBefore + k * dilation;
      if (at >= 0 && at < inLen) taps++;
    }
  }
  return taps;
}

/** Taps of all placements of one kernel plane over one input plane `[h, w]` that meet a real pixel. */
export function realTapsOfPlane(input: readonly [number, number], window: LayerWindow): number {
  const rows = realTapsAlongAxis(
    input[0],
    window.kernel[0],
    window.stride[0],
    window.dilation[0],
    window.pads.top,
    window.outputSize[0],
  );
  const cols = realTapsAlongAxis(
    input[1],
    window.kernel[1],
    window.stride[1],
    window.dilation[1],
    window.pads.left,
    window.outputSize[1],
  );
  return rows * cols;
}
