/**
 * Reads `items[index]` where the index is known to be in range, so a miss is a bug: it throws a
 * RangeError that says so instead of letting `undefined` travel on. Not for hot inner loops; the
 * numeric kernels read typed arrays directly.
 */
export function at<T>(items: ArrayLike<T>, index: number): T {
  if (!Number.isInteger(index) || index < 0 || index >= items.length) {
    throw new RangeError(`index ${index} is outside a list of ${items.length} items`);
  }
  return items[index] as T;
}
