import type { PaddingMode, Pads } from './conv-options';
import { ShapeError } from './shape-errors';

/**
 * Padding as an index map: every padded row (and column) reads one source row, or none (-1) in zeros
 * mode. It defines both directions: the padded copy gathers through the map, and its adjoint, folding a
 * gradient on the padded grid back onto the real cells, scatters through it with `+=`, so the backward
 * pass is the exact transpose of the forward one for every mode. Real cells map to themselves, so both
 * directions move them as whole rows and consult the map only for the border.
 */
function sourceIndices(size: number, before: number, after: number, mode: PaddingMode): Int32Array {
  const map = new Int32Array(before + size + after);
  for (let padded = 0; padded < map.length; padded++) map[padded] = sourceIndex(padded - before, size, mode);
  return map;
}

/** The real index padded index `i` (relative to the first real cell) copies, or -1 for zero padding. */
export function sourceIndex(i: number, size: number, mode: PaddingMode): number {
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

/**
 * The padded copy of a `[C, H, W]` image; cells with no source (zeros mode) hold `fill`. With no padding
 * at all this is `x` itself, not a copy: callers treat the result as read-only.
 *
 * Each real row is one block copy; only border cells go through `sourceIndex`, and a padded border row
 * is a copy of the already padded row it mirrors, corners included.
 */
export function padImage(
  x: Float32Array,
  channels: number,
  height: number,
  width: number,
  pads: Pads,
  mode: PaddingMode,
  fill = 0,
): Float32Array {
  if (hasNoPadding(pads)) return x;
  const out = new Float32Array(
    channels * (pads.top + height + pads.bottom) * (pads.left + width + pads.right),
  );
  padImageInto(x, channels, height, width, pads, mode, fill, out, true);
  return out;
}

/**
 * padImage into `out` (which may be a view of WASM memory, even one over the same buffer as `x`).
 * `outIsZeroed` says a fresh array already holds zeros, so zero borders need no writing.
 */
export function padImageInto(
  x: Float32Array,
  channels: number,
  height: number,
  width: number,
  pads: Pads,
  mode: PaddingMode,
  fill: number,
  out: Float32Array,
  outIsZeroed = false,
): void {
  const paddedWidth = pads.left + width + pads.right;
  const paddedHeight = pads.top + height + pads.bottom;
  const planeSize = paddedHeight * paddedWidth;
  if (hasNoPadding(pads)) {
    out.set(x);
    return;
  }
  const zeros = mode === 'zeros';
  const leftSources = borderSources(width, -pads.left, pads.left, mode);
  const rightSources = borderSources(width, width, pads.right, mode);
  // The constant border is written by filling each whole plane before its rows go in: one fill call
  // instead of two per row, which on a 512-row gray image cost more than the fill's extra writes.
  const fillBorders = zeros && (fill !== 0 || !outIsZeroed);
  for (let c = 0; c < channels; c++) {
    const plane = c * planeSize;
    if (fillBorders) out.fill(fill, plane, plane + planeSize);
    for (let y = 0; y < height; y++) {
      const src = (c * height + y) * width;
      const rowStart = plane + (pads.top + y) * paddedWidth;
      const right = rowStart + pads.left + width;
      out.set(x.subarray(src, src + width), rowStart + pads.left);
      if (!zeros) {
        for (let j = 0; j < pads.left; j++) out[rowStart + j] = x[src + (leftSources[j] ?? 0)] ?? 0;
        for (let j = 0; j < pads.right; j++) out[right + j] = x[src + (rightSources[j] ?? 0)] ?? 0;
      }
    }
    if (!zeros) {
      for (let r = 0; r < paddedHeight; r++) {
        if (r >= pads.top && r < pads.top + height) continue;
        const source = plane + (pads.top + sourceIndex(r - pads.top, height, mode)) * paddedWidth;
        out.copyWithin(plane + r * paddedWidth, source, source + paddedWidth);
      }
    }
  }
}

/**
 * The adjoint of padImage: each padded cell's gradient is added to the real cell it was copied from
 * (several padded cells may copy one real cell under reflect, replicate and circular). Zero-mode
 * padding cells copied nothing, so their gradient is dropped. Real cells take their own gradient by
 * block copy; only the border cells are scattered through the index maps.
 */
export function unpadGradient(
  dPadded: Float32Array,
  channels: number,
  height: number,
  width: number,
  pads: Pads,
  mode: PaddingMode,
): Float32Array {
  if (hasNoPadding(pads)) return dPadded.slice();
  const paddedWidth = pads.left + width + pads.right;
  const paddedHeight = pads.top + height + pads.bottom;
  const dx = new Float32Array(channels * height * width);
  for (let c = 0; c < channels; c++) {
    for (let y = 0; y < height; y++) {
      const from = (c * paddedHeight + pads.top + y) * paddedWidth + pads.left;
      dx.set(dPadded.subarray(from, from + width), (c * height + y) * width);
    }
  }
  if (mode === 'zeros') return dx;
  const rows = sourceIndices(height, pads.top, pads.bottom, mode);
  const cols = sourceIndices(width, pads.left, pads.right, mode);
  const rightBorder = pads.left + width;
  for (let c = 0; c < channels; c++) {
    for (let r = 0; r < paddedHeight; r++) {
      const gradRow = (c * paddedHeight + r) * paddedWidth;
      const dxRow = (c * height + (rows[r] ?? 0)) * width;
      const scatter = (from: number, to: number) => {
        for (let j = from; j < to; j++) {
          const cell = dxRow + (cols[j] ?? 0);
          dx[cell] = (dx[cell] ?? 0) + (dPadded[gradRow + j] ?? 0);
        }
      };
      if (r >= pads.top && r < pads.top + height) {
        scatter(0, pads.left); // the real cells between were copied above
        scatter(rightBorder, paddedWidth);
      } else {
        scatter(0, paddedWidth);
      }
    }
  }
  return dx;
}

function hasNoPadding(pads: Pads): boolean {
  return pads.top === 0 && pads.bottom === 0 && pads.left === 0 && pads.right === 0;
}

/** Which real column each of `count` border cells copies, starting at offset `first` from the edge. */
function borderSources(size: number, first: number, count: number, mode: PaddingMode): Int32Array {
  const sources = new Int32Array(count);
  for (let k = 0; k < count; k++) sources[k] = sourceIndex(first + k, size, mode);
  return sources;
}
