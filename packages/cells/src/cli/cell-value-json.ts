import { Tensor } from '@convbook/core';
import type { CellValue } from '../cell-value';

/**
 * A cell's value as plain JSON for `convbook run --values`: every kind, not only pictures — stats tables,
 * losses, readouts, training results — so a notebook's claims can be checked without a browser. Tensors
 * become `{ shape, data }` (a tensor cell's own tensor sits at the top level, as it always has), typed
 * arrays become arrays, and NaN or ±Infinity become null, which JSON can carry.
 */
export function cellValueJson(value: CellValue): unknown {
  if (value.type === 'tensor') {
    const { tensor, ...rest } = value;
    return { ...(plainJson(rest) as object), ...(plainJson(tensor) as object) };
  }
  return plainJson(value);
}

function plainJson(value: unknown): unknown {
  if (value instanceof Tensor) return { shape: [...value.shape], data: Array.from(value.data, jsonNumber) };
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number>, jsonNumber);
  }
  if (typeof value === 'number') return jsonNumber(value);
  if (Array.isArray(value)) return value.map(plainJson);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, plainJson(field)]));
  }
  return value;
}

/** JSON has no NaN or Infinity; write them as null rather than produce an unparsable file. */
function jsonNumber(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
