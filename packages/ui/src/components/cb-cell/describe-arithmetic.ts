/**
 * The conv/pool size arithmetic in words, e.g.
 * "input 32×32, kernel 3×3 dilated 5×5, padding 2+2, stride 1 → output 32×32".
 */
export interface WindowArithmetic {
  readonly input: readonly [number, number];
  /** Kernel (conv) or window (pool) size. */
  readonly kernel: readonly [number, number];
  readonly dilation: readonly [number, number];
  readonly stride: readonly [number, number];
  readonly pads: {
    readonly top: number;
    readonly bottom: number;
    readonly left: number;
    readonly right: number;
  };
  readonly output: readonly [number, number];
  readonly window: 'kernel' | 'window';
}

export function describeArithmetic(a: WindowArithmetic): string {
  const size = (pair: readonly [number, number]): string => `${pair[0]}×${pair[1]}`;
  const effective: [number, number] = [
    (a.kernel[0] - 1) * a.dilation[0] + 1,
    (a.kernel[1] - 1) * a.dilation[1] + 1,
  ];
  const dilated = a.dilation[0] > 1 || a.dilation[1] > 1 ? ` dilated ${size(effective)}` : '';
  const { top, bottom, left, right } = a.pads;
  const padding =
    top === left && bottom === right ? `${top}+${bottom}` : `${top}+${bottom} rows, ${left}+${right} columns`;
  const stride = a.stride[0] === a.stride[1] ? `${a.stride[0]}` : size(a.stride);
  return `input ${size(a.input)}, ${a.window} ${size(a.kernel)}${dilated}, padding ${padding}, stride ${stride} → output ${size(a.output)}`;
}
