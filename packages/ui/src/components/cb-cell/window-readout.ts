import type { CellSpec, CellValue } from '@convbook/cells';
import { conv2dOutputSize, pool2dOutputSize } from '@convbook/core';
import { describeArithmetic } from './describe-arithmetic';

/**
 * The size arithmetic of a conv or pool cell from its params and the shapes of its inputs, computed by
 * core's own output-size helpers so the readout can never disagree with the op. Undefined while an input
 * shape is unknown or when the sizes do not work (then the cell shows core's error instead).
 */
export function windowReadout(
  cell: CellSpec,
  inputValues: ReadonlyMap<string, CellValue>,
): string | undefined {
  const input = inputValues.get('input');
  if (input?.type !== 'tensor') return undefined;
  const [height = 1, width = 1] = input.tensor.shape.slice(-2);
  const params = cell.params ?? {};
  const pair = (v: unknown, fallback: number): [number, number] =>
    typeof v === 'number'
      ? [v, v]
      : Array.isArray(v) && v.length === 2
        ? [Number(v[0]), Number(v[1])]
        : [fallback, fallback];
  try {
    if (cell.kind === 'pool') {
      const size = pair(params.size, 2);
      const stride = pair(params.stride ?? params.size, size[0]);
      const out = pool2dOutputSize([height, width], { ...(params as object), size, stride } as Parameters<
        typeof pool2dOutputSize
      >[1]);
      return describeArithmetic({
        input: [height, width],
        kernel: size,
        dilation: [1, 1],
        stride,
        pads: out.pads,
        output: [out.height, out.width],
        window: 'window',
      });
    }
    const kernel = inputValues.get('kernel');
    if (kernel?.type !== 'kernel') return undefined;
    const [kh = 1, kw = 1] = kernel.weights.shape.slice(-2);
    const stride = pair(params.stride, 1);
    const dilation = pair(params.dilation, 1);
    const out = conv2dOutputSize([height, width], [kh, kw], {
      ...(params as object),
      stride,
      dilation,
    } as Parameters<typeof conv2dOutputSize>[2]);
    return describeArithmetic({
      input: [height, width],
      kernel: [kh, kw],
      dilation,
      stride,
      pads: out.pads,
      output: [out.height, out.width],
      window: 'kernel',
    });
  } catch {
    return undefined; // sizes that do not fit: the cell's own error explains them
  }
}
