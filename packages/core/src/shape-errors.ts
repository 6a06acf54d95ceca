/**
 * The one error class core throws for bad arguments. `op` names the function, and the message says what
 * was expected and what arrived, in numbers: `conv2d: kernel is 5×5 but the padded input is 4×4`.
 */
export class ShapeError extends Error {
  override readonly name = 'ShapeError';
  constructor(
    readonly op: string,
    readonly detail: string,
  ) {
    super(`${op}: ${detail}`);
  }
}

/** Formats a shape for messages: `[3, 32, 32]` → `3×32×32`. */
export function formatShape(shape: readonly number[]): string {
  return shape.length === 0 ? 'scalar' : shape.join('×');
}

/** Throws unless `value` is an integer ≥ `min`. */
export function requireInteger(op: string, name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new ShapeError(op, `${name} must be an integer >= ${min}, got ${value}`);
  }
}
