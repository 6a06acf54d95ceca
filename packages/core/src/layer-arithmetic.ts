import { effectiveKernel, outputLength, type PaddingSpec, resolvePadding } from './output-size';
import { formatShape, requireInteger, ShapeError } from './shape-errors';

/**
 * Counting what a layer costs, from plain data and without running it: output shape, units, weights,
 * connections, multiply-adds and the memory of activations. All memory figures count stored values
 * (multiply by 4 for float32 bytes).
 */

export type LayerSpec =
  | {
      readonly kind: 'conv';
      readonly inChannels: number;
      readonly outChannels: number;
      /** [kh, kw], or one number for a square kernel. */
      readonly kernel: number | readonly [number, number];
      readonly stride?: number | readonly [number, number];
      readonly dilation?: number | readonly [number, number];
      readonly padding?: PaddingSpec;
      /** Default true: one bias per output channel. */
      readonly bias?: boolean;
    }
  | {
      readonly kind: 'pool';
      readonly size: number | readonly [number, number];
      /** Defaults to the window size (non-overlapping windows). */
      readonly stride?: number | readonly [number, number];
      readonly padding?: PaddingSpec;
    };

export type Shape3 = readonly [number, number, number];

export interface LayerStats {
  readonly inputShape: Shape3;
  readonly outputShape: Shape3;
  /** Output activations: O·H'·W'. */
  readonly units: number;
  /** Learned parameters: O·C·kh·kw plus O biases for conv; 0 for pool. */
  readonly weights: number;
  /** Every tap of every kernel application (see layerStats). */
  readonly connections: number;
  /** One multiply-add per connection. */
  readonly multiplyAddsForward: number;
  /** Two per connection: one for the input gradient, one for the weight gradient. */
  readonly multiplyAddsBackward: number;
  /** Values kept for backprop: this layer's input and output. */
  readonly memoryTraining: number;
  /** Values alive while this layer runs: its input and output. */
  readonly memoryInference: number;
}

function pair(op: string, name: string, value: number | readonly [number, number]): [number, number] {
  const [a, b] = typeof value === 'number' ? [value, value] : value;
  requireInteger(op, name, a, 1);
  requireInteger(op, name, b, 1);
  return [a, b];
}

interface Window {
  readonly kernel: [number, number];
  readonly stride: [number, number];
  readonly dilation: [number, number];
  readonly padding: PaddingSpec;
}

function windowOf(op: string, layer: LayerSpec): Window {
  if (layer.kind === 'conv') {
    return {
      kernel: pair(op, 'kernel', layer.kernel),
      stride: pair(op, 'stride', layer.stride ?? 1),
      dilation: pair(op, 'dilation', layer.dilation ?? 1),
      padding: layer.padding ?? 'valid',
    };
  }
  const size = pair(op, 'size', layer.size);
  return {
    kernel: size,
    stride: pair(op, 'stride', layer.stride ?? size),
    dilation: [1, 1],
    padding: layer.padding ?? 'valid',
  };
}

/** Spatial output size of a conv or pool window over `[h, w]`; throws when the window does not fit. */
function windowOutputSize(op: string, input: readonly [number, number], layer: LayerSpec): [number, number] {
  const { kernel, stride, dilation, padding } = windowOf(op, layer);
  const kEff: [number, number] = [
    effectiveKernel(kernel[0], dilation[0]),
    effectiveKernel(kernel[1], dilation[1]),
  ];
  const pad = resolvePadding(op, padding, input, kEff, stride);
  const outH = outputLength(input[0], kernel[0], stride[0], dilation[0], pad.top, pad.bottom);
  const outW = outputLength(input[1], kernel[1], stride[1], dilation[1], pad.left, pad.right);
  if (outH < 1 || outW < 1) {
    const padded = [input[0] + pad.top + pad.bottom, input[1] + pad.left + pad.right];
    throw new ShapeError(op, `kernel is ${formatShape(kEff)} but the padded input is ${formatShape(padded)}`);
  }
  return [outH, outW];
}

/**
 * Costs of one layer on an input `[C, H, W]`.
 *
 * Connections count every kernel application, including taps that land on padding: units × (C·kh·kw)
 * for conv and units × window size for pool. That is the multiply-add count a straightforward
 * implementation performs, and it matches the notes' "9 connections for 3 weights over 5 inputs".
 */
export function layerStats(inputShape: Shape3, layer: LayerSpec): LayerStats {
  const op = `layerStats(${layer.kind})`;
  for (const [axis, n] of inputShape.entries()) requireInteger(op, `inputShape[${axis}]`, n, 1);
  const [c, h, w] = inputShape;
  const [outH, outW] = windowOutputSize(op, [h, w], layer);
  const { kernel } = windowOf(op, layer);
  let outChannels = c;
  let weights = 0;
  let fanIn = kernel[0] * kernel[1];
  if (layer.kind === 'conv') {
    requireInteger(op, 'outChannels', layer.outChannels, 1);
    if (layer.inChannels !== c) {
      throw new ShapeError(
        op,
        `layer expects ${layer.inChannels} input channels but the input ${formatShape(inputShape)} has ${c}`,
      );
    }
    outChannels = layer.outChannels;
    fanIn *= c;
    weights = outChannels * fanIn + (layer.bias === false ? 0 : outChannels);
  }
  const outputShape: Shape3 = [outChannels, outH, outW];
  const units = outChannels * outH * outW;
  const connections = units * fanIn;
  const inputValues = c * h * w;
  return {
    inputShape,
    outputShape,
    units,
    weights,
    connections,
    multiplyAddsForward: connections,
    multiplyAddsBackward: 2 * connections,
    memoryTraining: inputValues + units,
    memoryInference: inputValues + units,
  };
}

export interface FullyConnectedStats {
  readonly units: number;
  readonly connections: number;
  readonly weights: number;
  readonly multiplyAddsForward: number;
  readonly multiplyAddsBackward: number;
}

/**
 * A fully connected layer, for comparison: every input meets every output through its own weight, so
 * weights = connections (plus one bias per output) — unlike conv, where one kernel serves every position.
 */
export function fullyConnectedStats(inUnits: number, outUnits: number, bias = true): FullyConnectedStats {
  requireInteger('fullyConnectedStats', 'inUnits', inUnits, 1);
  requireInteger('fullyConnectedStats', 'outUnits', outUnits, 1);
  const connections = inUnits * outUnits;
  return {
    units: outUnits,
    connections,
    weights: connections + (bias ? outUnits : 0),
    multiplyAddsForward: connections,
    multiplyAddsBackward: 2 * connections,
  };
}

export interface StackStats {
  readonly layers: readonly LayerStats[];
  readonly outputShape: Shape3;
  readonly totals: {
    readonly units: number;
    readonly weights: number;
    readonly connections: number;
    readonly multiplyAddsForward: number;
    readonly multiplyAddsBackward: number;
    /** Every activation kept for backprop: the input plus each layer's output, each counted once. */
    readonly memoryTraining: number;
    /** Inference frees each activation once used: the largest input + output pair alive at once. */
    readonly memoryInference: number;
  };
}

/** Runs `layerStats` down a stack, feeding each output shape to the next layer. */
export function stackStats(inputShape: Shape3, layers: readonly LayerSpec[]): StackStats {
  const rows: LayerStats[] = [];
  let shape = inputShape;
  for (const layer of layers) {
    const row = layerStats(shape, layer);
    rows.push(row);
    shape = row.outputShape;
  }
  const total = (
    key: 'units' | 'weights' | 'connections' | 'multiplyAddsForward' | 'multiplyAddsBackward',
  ): number => rows.reduce((s, r) => s + r[key], 0);
  const inputValues = inputShape[0] * inputShape[1] * inputShape[2];
  return {
    layers: rows,
    outputShape: shape,
    totals: {
      units: total('units'),
      weights: total('weights'),
      connections: total('connections'),
      multiplyAddsForward: total('multiplyAddsForward'),
      multiplyAddsBackward: total('multiplyAddsBackward'),
      memoryTraining: inputValues + total('units'),
      memoryInference: rows.reduce((m, r) => Math.max(m, r.memoryInference), inputValues),
    },
  };
}
