import { type Pool2dOptions, pool2d, resolveAxisPair, type Tensor } from '@convbook/core';
import type { CellValue } from '../cell-value';
import { deepEqual } from '../runtime/deep-equal';
import { changedPlanes, replacePlanes, sameShape, takePlanes } from './channel-planes';
import type { LastCompute } from './define-cell-kind';
import { withCompute } from './kind-compute';
import { poolSchema } from './pool-schema';
import { describeWindowMisfit, findWindowMisfit, poolMaxPad, type WindowOnInput } from './window-fit';

/** Runs pool cells (the schema, pool-schema.ts, is what the page reads). */
export const poolCell = withCompute(poolSchema, {
  // Said here in plain words, before pool2d would throw core's terser "window is 5×5 but the padded input
  // is 4×4".
  validateInputs: ({ input }, params) => {
    const window = windowOnInput(input.tensor.shape, poolOptions(params));
    const misfit = findWindowMisfit(window);
    return misfit && describeWindowMisfit('window', window, misfit);
  },
  compute: ({ input }, params, context) => {
    const options = poolOptions(params);
    const all = (): CellValue => ({ type: 'tensor', tensor: pool2d(input.tensor, options) });
    const last = reusablePool(context.lastCompute, input.tensor, params);
    if (last === undefined) return all();
    if (last.input === input.tensor) return last.value;
    // Each channel is pooled on its own: only the channels whose plane changed are pooled again.
    const changed = changedPlanes(last.input, input.tensor);
    if (changed.length === 0) return last.value;
    if (changed.length === last.input.shape[0]) return all();
    const fresh = pool2d(takePlanes(input.tensor, changed), options);
    return { type: 'tensor', tensor: replacePlanes(last.output, changed, fresh) };
  },
});

/** The pool's params as pool2d takes them (the schema has checked their shapes). */
function poolOptions(params: {
  readonly kind: Pool2dOptions['kind'];
  readonly size: unknown;
  readonly stride?: unknown;
  readonly padding?: unknown;
}): Pool2dOptions {
  return {
    kind: params.kind,
    size: params.size as Pool2dOptions['size'],
    stride: params.stride as Pool2dOptions['stride'],
    padding: params.padding as Pool2dOptions['padding'],
  };
}

/** The pooling window's walk over the input, as window-fit.ts reads it. */
function windowOnInput(inputShape: readonly number[], options: Pool2dOptions): WindowOnInput {
  const window = resolveAxisPair('pool2d', 'size', options.size, 1);
  return {
    input: [inputShape[1] ?? 1, inputShape[2] ?? 1],
    window,
    dilation: [1, 1],
    // Pool's stride defaults to its window (non-overlapping windows); it sets how 'same' pads.
    stride: options.stride === undefined ? window : resolveAxisPair('pool2d', 'stride', options.stride, 1),
    padding: options.padding ?? 'valid',
    maxPad: poolMaxPad(window),
  };
}

interface ReusablePool {
  readonly input: Tensor;
  readonly output: Tensor;
  readonly value: CellValue;
}

/** The last compute, when it pooled an input of this shape with these params; undefined otherwise. */
function reusablePool(
  last: LastCompute<{ readonly input: { readonly tensor: Tensor } }, unknown> | undefined,
  input: Tensor,
  params: unknown,
): ReusablePool | undefined {
  if (last === undefined || last.value.type !== 'tensor') return undefined;
  if (last.params !== params && !deepEqual(last.params, params)) return undefined;
  const before = last.inputs.input.tensor;
  if (before !== input && !sameShape(before, input)) return undefined;
  return { input: before, output: last.value.tensor, value: last.value };
}
