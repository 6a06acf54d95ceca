import { MAX_TENSOR_VALUES } from '../document/limits';
import { shiftTensor } from './image/shift-tensor';
import { withCompute } from './kind-compute';
import { shiftSchema } from './shift-schema';

/** Runs shift cells (the schema, shift-schema.ts, is what the page reads). */
export const shiftCell = withCompute(shiftSchema, {
  validateInputs: ({ input }, params) =>
    params.mode === 'grow' ? grownSizeProblem(input.tensor.shape, params.dx, params.dy) : undefined,
  compute: ({ input }, params) => ({
    type: 'tensor',
    tensor: shiftTensor(input.tensor, params.dx, params.dy, params.mode),
  }),
});

/** Why a 'grow' shift of a map of `shape` would be too big, or nothing: checked before anything is allocated. */
export function grownSizeProblem(shape: readonly number[], dx: number, dy: number): string | undefined {
  const planes = shape.slice(0, -2).reduce((a, b) => a * b, 1);
  const height = (shape.at(-2) ?? 1) + Math.abs(dy);
  const width = (shape.at(-1) ?? 1) + Math.abs(dx);
  const values = planes * height * width;
  return values > MAX_TENSOR_VALUES
    ? `growing the canvas to ${height}×${width} would make ${values} values, the limit is ${MAX_TENSOR_VALUES}`
    : undefined;
}
