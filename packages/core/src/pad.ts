import type { PaddingMode, Pads } from './conv-options';
import { ShapeError } from './shape-errors';

/**
 * Padding as an index map: every padded row (and column) reads one source row, or none (-1) in zeros
 * mode. Materializing the padded copy gathers through the map; its adjoint, folding a gradient on the
 * padded grid back onto the real cells, scatters through the same map with `+=`. Sharing one map makes
 * the backward pass the exact transpose of the forward one for every mode.
 */
function sourceIndices(size: number, before: number, after: number, mode: PaddingMode): Int32Array {
  const map = new Int32Array(before + size + after);
  for (let padded = 0; padded < map.length; padded++) map[padded] = sourceIndex(padded - before, size, mode);
  return map;
}

function sourceIndex(i: number, size: number, mode: PaddingMode): number {
  if (i >= 0 && i < size) return i;
  switch (mode) {
    case 'zeros':
      return -1;
    case 'reflect': // mirror about the edge cell, which is not repeated: −1 → 1, size → size − 2
      return i < 0 ? -i : 2 * (size - 1) - i;
    case 'replicate':
      return i < 0 ? 0 : size - 1;
    case 'circular':
      return ((i % size) + size) % size;
  }
}

/**
 * Rejects pads a mode cannot produce: a reflection needs a cell beyond the edge to mirror, so each pad
 * must be smaller than the axis; a wrap may go round at most once (PyTorch's limits).
 */
export function checkPadsForMode(
  op: string,
  pads: Pads,
  height: number,
  width: number,
  mode: PaddingMode,
): void {
  if (mode === 'zeros' || mode === 'replicate') return;
  const sides = [
    ['top', pads.top, 'height', height],
    ['bottom', pads.bottom, 'height', height],
    ['left', pads.left, 'width', width],
    ['right', pads.right, 'width', width],
  ] as const;
  for (const [side, pad, axis, size] of sides) {
    if (mode === 'reflect' && pad >= size) {
      throw new ShapeError(
        op,
        `reflect padding must be smaller than the input: pad ${pad} on the ${side} but the input ${axis} is ${size}`,
      );
    }
    if (mode === 'circular' && pad > size) {
      throw new ShapeError(
        op,
        `circular padding cannot exceed the input: pad ${pad} on the ${side} but the input ${axis} is ${size}`,
      );
    }
  }
}

/** The padded copy of a `[C, H, W]` image; cells with no source (zeros mode) hold `fill`. */
export function padImage(
  x: Float32Array,
  channels: number,
  height: number,
  width: number,
  pads: Pads,
  mode: PaddingMode,
  fill = 0,
): Float32Array {
  const rows = sourceIndices(height, pads.top, pads.bottom, mode);
  const cols = sourceIndices(width, pads.left, pads.right, mode);
  const out = new Float32Array(channels * rows.length * cols.length);
  let k = 0;
  for (let c = 0; c < channels; c++) {
    for (const row of rows) {
      for (const col of cols) {
        out[k++] = row < 0 || col < 0 ? fill : (x[(c * height + row) * width + col] as number);
      }
    }
  }
  return out;
}

/**
 * The adjoint of padImage: each padded cell's gradient is added to the real cell it was copied from
 * (several padded cells may copy one real cell under reflect, replicate and circular). Zero-mode
 * padding cells copied nothing, so their gradient is dropped.
 */
export function unpadGradient(
  dPadded: Float32Array,
  channels: number,
  height: number,
  width: number,
  pads: Pads,
  mode: PaddingMode,
): Float32Array {
  const rows = sourceIndices(height, pads.top, pads.bottom, mode);
  const cols = sourceIndices(width, pads.left, pads.right, mode);
  const dx = new Float32Array(channels * height * width);
  let k = 0;
  for (let c = 0; c < channels; c++) {
    for (const row of rows) {
      for (const col of cols) {
        const g = dPadded[k++] as number;
        if (row >= 0 && col >= 0) dx[(c * height + row) * width + col] += g;
      }
    }
  }
  return dx;
}
