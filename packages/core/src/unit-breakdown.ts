import { type ActivationName, applyActivation } from './activations';
import { at } from './at';
import { type PaddingMode, type Pads, paddingModes, planWindow, type WindowPlan } from './conv-options';
import type { Conv2dOptions } from './conv2d';
import { checkPadsForMode, sourceIndex } from './pad';
import type { Pool2dOptions } from './pool2d';
import { pool2dOutputSize } from './pool2d';
import { formatShape, ShapeError } from './shape-errors';
import { Tensor } from './tensor';

/**
 * "How was this number computed?" for one output unit of a conv or pool layer, written out step by step:
 * the input cells the window reads (padding marked, with what the mode put there), the kernel as it is
 * applied (turned 180° when `flip` is set), every product, their sum, the bias, the activation and the
 * value. It walks the definition directly — one unit, no kernels, no padded copy — so tests can hold it
 * against conv2d and pool2d as an independent second implementation.
 */

/** One input cell a window reads, at input coordinates (negative or past the edge inside the padding). */
export interface WindowCell {
  readonly row: number;
  readonly col: number;
  /** True when the cell lies in the padding rather than the image. */
  readonly padded: boolean;
  /** The image cell a padded cell copies (reflect, replicate, circular); null for zero padding. */
  readonly source: { readonly row: number; readonly col: number } | null;
  /** What the window reads here; 0 for zero padding (conv), null for pool padding (ignored). */
  readonly value: number | null;
}

/** One multiply of a conv unit: an input cell times the kernel tap laid over it. */
export interface ConvTap extends WindowCell {
  readonly value: number;
  readonly channel: number;
  /** Tap position in the kernel as applied (after any flip). */
  readonly ky: number;
  readonly kx: number;
  readonly weight: number;
  readonly product: number;
}

/** The window's footprint on the input, inclusive, in input coordinates (may reach into the padding). */
export interface WindowBox {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

interface UnitGeometry {
  readonly outHeight: number;
  readonly outWidth: number;
  readonly pads: Pads;
  readonly stride: readonly [number, number];
  readonly box: WindowBox;
}

export interface ConvUnitBreakdown extends UnitGeometry {
  readonly kind: 'conv';
  readonly unit: { readonly kernel: number; readonly y: number; readonly x: number };
  readonly paddingMode: PaddingMode;
  readonly dilation: readonly [number, number];
  readonly flipped: boolean;
  /** The weights slid over the input, [channel][ky][kx], after any flip. */
  readonly appliedKernel: readonly (readonly (readonly number[])[])[];
  /** Every multiply, channel by channel, row by row. */
  readonly taps: readonly ConvTap[];
  readonly sum: number;
  readonly bias: number;
  /** sum + bias, before the activation. */
  readonly preActivation: number;
  readonly activation: ActivationName;
  readonly value: number;
}

export interface PoolUnitBreakdown extends UnitGeometry {
  readonly kind: 'pool';
  readonly poolKind: 'max' | 'avg';
  readonly unit: { readonly channel: number; readonly y: number; readonly x: number };
  /** Every cell of the window, row by row; padded cells hold null and take no part. */
  readonly cells: readonly WindowCell[];
  /** How many real (unpadded) cells the window covers: the divisor of an average. */
  readonly count: number;
  /** Sum of the real cells (what avg divides). */
  readonly sum: number;
  /** The first largest real cell in scan order (the one max pooling passes a gradient to). */
  readonly argmax: { readonly row: number; readonly col: number };
  readonly value: number;
}

export interface ConvUnitOptions extends Conv2dOptions {
  readonly activation?: ActivationName;
  readonly alpha?: number;
}

const OP = 'explainConvUnit';

/** Explains output unit (kernel, y, x) of `conv2d(x, w, options)` followed by `options.activation`. */
export function explainConvUnit(
  x: Tensor,
  w: Tensor,
  options: ConvUnitOptions,
  unit: { readonly kernel: number; readonly y: number; readonly x: number },
): ConvUnitBreakdown {
  if (x.rank !== 3 || w.rank !== 4 || w.shape[1] !== x.shape[0]) {
    throw new ShapeError(
      OP,
      `needs an input [C, H, W] and kernels [O, C, kh, kw], got ${formatShape(x.shape)} and ${formatShape(w.shape)}`,
    );
  }
  const [channels, height, width] = x.shape as [number, number, number];
  const [kernels, , kh, kw] = w.shape as [number, number, number, number];
  const mode = options.paddingMode ?? 'zeros';
  if (!paddingModes.includes(mode)) throw new ShapeError(OP, `unknown padding mode ${JSON.stringify(mode)}`);
  const plan = planWindow(OP, 'kernel', [height, width], [kh, kw], options);
  checkPadsForMode(OP, plan.pads, height, width, mode);
  checkUnit(OP, [kernels, plan.outHeight, plan.outWidth], [unit.kernel, unit.y, unit.x]);
  const flipped = options.flip === true;
  const weightAt = (c: number, i: number, j: number): number => {
    const [si, sj] = flipped ? [kh - 1 - i, kw - 1 - j] : [i, j];
    return at(w.data, ((unit.kernel * channels + c) * kh + si) * kw + sj);
  };
  const origin = windowOrigin(plan, unit.y, unit.x);
  const taps: ConvTap[] = [];
  let sum = 0;
  for (let c = 0; c < channels; c++) {
    for (let i = 0; i < kh; i++) {
      for (let j = 0; j < kw; j++) {
        const cell = readCell(x, c, origin.row + i * plan.dilationY, origin.col + j * plan.dilationX, mode);
        const value = cell.value ?? 0;
        const weight = weightAt(c, i, j);
        const product = value * weight;
        sum += product;
        taps.push({ ...cell, value, channel: c, ky: i, kx: j, weight, product });
      }
    }
  }
  const bias = biasOf(options.bias, unit.kernel, kernels);
  const activation = options.activation ?? 'identity';
  const preActivation = sum + bias;
  const value = activate(activation, preActivation, options.alpha);
  const appliedKernel = Array.from({ length: channels }, (_, c) =>
    Array.from({ length: kh }, (_, i) => Array.from({ length: kw }, (_, j) => weightAt(c, i, j))),
  );
  const footprint: [number, number] = [(kh - 1) * plan.dilationY + 1, (kw - 1) * plan.dilationX + 1];
  return {
    kind: 'conv',
    unit,
    ...geometryOf(plan, origin, footprint),
    paddingMode: mode,
    dilation: [plan.dilationY, plan.dilationX],
    flipped,
    appliedKernel,
    taps,
    sum,
    bias,
    preActivation,
    activation,
    value,
  };
}

/** Explains output unit (channel, y, x) of `pool2d(x, options)`. */
export function explainPoolUnit(
  x: Tensor,
  options: Pool2dOptions,
  unit: { readonly channel: number; readonly y: number; readonly x: number },
): PoolUnitBreakdown {
  if (x.rank !== 3)
    throw new ShapeError('explainPoolUnit', `needs an input [C, H, W], got ${formatShape(x.shape)}`);
  const [channels, height, width] = x.shape as [number, number, number];
  const size = pool2dOutputSize([height, width], options);
  const [sizeY, sizeX] = typeof options.size === 'number' ? [options.size, options.size] : options.size;
  const plan = planWindow('explainPoolUnit', 'window', [height, width], [sizeY, sizeX], {
    stride: options.stride ?? options.size,
    padding: options.padding,
  });
  checkUnit('explainPoolUnit', [channels, size.height, size.width], [unit.channel, unit.y, unit.x]);
  const origin = windowOrigin(plan, unit.y, unit.x);
  const cells: WindowCell[] = [];
  let count = 0;
  let sum = 0;
  let best: WindowCell | undefined;
  for (let i = 0; i < sizeY; i++) {
    for (let j = 0; j < sizeX; j++) {
      const row = origin.row + i;
      const col = origin.col + j;
      const padded = !inside(row, col, height, width);
      const value = padded ? null : at(x.data, (unit.channel * height + row) * width + col);
      const cell: WindowCell = { row, col, padded, source: null, value };
      cells.push(cell);
      if (value === null) continue;
      count++;
      sum += value;
      if (best === undefined || beats(value, best.value as number)) best = cell;
    }
  }
  const top = best as WindowCell; // planPool guarantees every window covers a real cell
  const value = options.kind === 'max' ? (top.value as number) : sum / count;
  return {
    kind: 'pool',
    poolKind: options.kind,
    unit,
    ...geometryOf(plan, origin, [sizeY, sizeX]),
    cells,
    count,
    sum,
    argmax: { row: top.row, col: top.col },
    value,
  };
}

/** Strictly greater keeps the first maximum; a NaN wins once, as in the kernels, so that it shows. */
function beats(value: number, best: number): boolean {
  return value > best || (Number.isNaN(value) && !Number.isNaN(best));
}

/** Top-left input cell of output unit (y, x)'s window: negative inside the top/left padding. */
function windowOrigin(plan: WindowPlan, y: number, x: number): { row: number; col: number } {
  return { row: y * plan.strideY - plan.pads.top, col: x * plan.strideX - plan.pads.left };
}

function geometryOf(
  plan: WindowPlan,
  origin: { row: number; col: number },
  footprint: readonly [number, number],
): UnitGeometry {
  return {
    outHeight: plan.outHeight,
    outWidth: plan.outWidth,
    pads: plan.pads,
    stride: [plan.strideY, plan.strideX],
    box: {
      top: origin.row,
      left: origin.col,
      bottom: origin.row + footprint[0] - 1,
      right: origin.col + footprint[1] - 1,
    },
  };
}

/** What a conv window reads at input cell (row, col) of channel c, going through the padding mode. */
function readCell(x: Tensor, c: number, row: number, col: number, mode: PaddingMode): WindowCell {
  const [, height, width] = x.shape as [number, number, number];
  if (inside(row, col, height, width)) {
    return {
      row,
      col,
      padded: false,
      source: null,
      value: at(x.data, (c * height + row) * width + col),
    };
  }
  const sourceRow = sourceIndex(row, height, mode);
  const sourceCol = sourceIndex(col, width, mode);
  if (sourceRow < 0 || sourceCol < 0) return { row, col, padded: true, source: null, value: 0 };
  const value = at(x.data, (c * height + sourceRow) * width + sourceCol);
  return { row, col, padded: true, source: { row: sourceRow, col: sourceCol }, value };
}

function inside(row: number, col: number, height: number, width: number): boolean {
  return row >= 0 && row < height && col >= 0 && col < width;
}

function checkUnit(op: string, shape: readonly number[], index: readonly number[]): void {
  if (index.some((i, axis) => !Number.isInteger(i) || i < 0 || i >= at(shape, axis))) {
    throw new ShapeError(op, `unit (${index.join(', ')}) is outside the output ${formatShape(shape)}`);
  }
}

function biasOf(bias: Conv2dOptions['bias'], kernel: number, kernels: number): number {
  if (bias === undefined) return 0;
  const values = 'data' in bias ? bias.data : bias;
  if (values.length !== kernels) {
    throw new ShapeError(OP, `bias has ${values.length} values but there are ${kernels} kernels`);
  }
  return at(values, kernel);
}

/** The activation of one number, through the same code as the layer's (a 1-element tensor). */
function activate(name: ActivationName, x: number, alpha: number | undefined): number {
  const one = new Tensor([1], Float32Array.of(x));
  return at(applyActivation(name, one, alpha === undefined ? {} : { alpha }).data, 0);
}
