import { realTapsOfPlane, resolveWindow, type WindowSpec } from './layer-window';
import type { PaddingSpec } from './output-size';
import { formatShape, requireInteger, ShapeError } from './shape-errors';

/**
 * Counting what a layer costs, from plain data and without running it: output shape, units, weights,
 * connections, the arithmetic of a forward and a backward pass by kind of operation, and the activations
 * held in memory. Memory figures count stored values (multiply by 4 for float32 bytes). Activation
 * functions (ReLU and friends) are not counted: they are one cheap operation per unit.
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
      /** Default 'max'. Max pooling compares; average pooling adds and scales. */
      readonly op?: 'max' | 'avg';
      readonly size: number | readonly [number, number];
      /** Defaults to the window size (non-overlapping windows). */
      readonly stride?: number | readonly [number, number];
      readonly padding?: PaddingSpec;
    }
  | {
      /** Fully connected: flattens its [C, H, W] input and maps it to `outUnits` outputs [outUnits, 1, 1]. */
      readonly kind: 'dense';
      readonly outUnits: number;
      /** Default true: one bias per output. */
      readonly bias?: boolean;
    };

export type Shape3 = readonly [number, number, number];

/** Arithmetic of one pass, by kind of operation: a multiply-add is one multiplication plus one addition. */
export interface OpCounts {
  readonly multiplyAdds: number;
  readonly comparisons: number;
  readonly additions: number;
  readonly multiplications: number;
}

export interface LayerStats {
  readonly inputShape: Shape3;
  readonly outputShape: Shape3;
  /** Output activations: O·H'·W'. */
  readonly units: number;
  /** Learned parameters: O·C·kh·kw plus O biases for conv; in·out plus out biases for dense; 0 for pool. */
  readonly weights: number;
  /** Every tap of every window placement (what a padded implementation computes), padding included. */
  readonly connections: number;
  /** Of `connections`, the taps that land on zero padding instead of an input unit. */
  readonly paddingConnections: number;
  /**
   * Conv and dense: one multiply-add per connection, plus one addition per unit for the bias. Max pool:
   * r − 1 comparisons per window of r real inputs. Average pool: r − 1 additions and one scaling per window.
   */
  readonly forward: OpCounts;
  /**
   * Conv and dense: two multiply-adds per connection (the input's gradient and the weight's), plus the bias
   * gradient's additions. Pools have no weights: max adds each output's gradient to the input that won,
   * average scales each output's gradient once and adds the share to each of its real inputs.
   */
  readonly backward: OpCounts;
  /** Training: the values this layer adds to what is kept for backprop (its output), so rows add up. */
  readonly memoryKept: number;
  /** Inference: the values alive while this layer runs (its input and its output); the peak is the total. */
  readonly memoryLive: number;
}

const NO_OPS: OpCounts = { multiplyAdds: 0, comparisons: 0, additions: 0, multiplications: 0 };

function ops(counts: Partial<OpCounts>): OpCounts {
  return { ...NO_OPS, ...counts };
}

interface Counts {
  readonly outputShape: Shape3;
  readonly weights: number;
  readonly connections: number;
  readonly realConnections: number;
  readonly forward: OpCounts;
  readonly backward: OpCounts;
}

function convCounts(op: string, input: Shape3, layer: Extract<LayerSpec, { kind: 'conv' }>): Counts {
  const [c, h, w] = input;
  requireInteger(op, 'outChannels', layer.outChannels, 1);
  if (layer.inChannels !== c) {
    throw new ShapeError(
      op,
      `layer expects ${layer.inChannels} input channels but the input ${formatShape(input)} has ${c}`,
    );
  }
  const window = resolveWindow(op, [h, w], layer);
  const o = layer.outChannels;
  const units = o * window.outputSize[0] * window.outputSize[1];
  const fanIn = c * window.kernel[0] * window.kernel[1];
  const connections = units * fanIn;
  const biasAdds = layer.bias === false ? 0 : units;
  return {
    outputShape: [o, window.outputSize[0], window.outputSize[1]],
    weights: o * fanIn + (layer.bias === false ? 0 : o),
    connections,
    realConnections: o * c * realTapsOfPlane([h, w], window),
    forward: ops({ multiplyAdds: connections, additions: biasAdds }),
    backward: ops({ multiplyAdds: 2 * connections, additions: biasAdds }),
  };
}

function poolCounts(op: string, input: Shape3, layer: Extract<LayerSpec, { kind: 'pool' }>): Counts {
  const [c, h, w] = input;
  const spec: WindowSpec = { kernel: layer.size, stride: layer.stride ?? layer.size, padding: layer.padding };
  const window = resolveWindow(op, [h, w], spec);
  const units = c * window.outputSize[0] * window.outputSize[1];
  const connections = units * window.kernel[0] * window.kernel[1];
  // Padded cells take no part: max never picks them and average does not count them.
  const real = c * realTapsOfPlane([h, w], window);
  const isMax = (layer.op ?? 'max') === 'max';
  return {
    outputShape: [c, window.outputSize[0], window.outputSize[1]],
    weights: 0,
    connections,
    realConnections: real,
    forward: isMax
      ? ops({ comparisons: real - units })
      : ops({ additions: real - units, multiplications: units }),
    backward: isMax ? ops({ additions: units }) : ops({ additions: real, multiplications: units }),
  };
}

function denseCounts(op: string, input: Shape3, layer: Extract<LayerSpec, { kind: 'dense' }>): Counts {
  requireInteger(op, 'outUnits', layer.outUnits, 1);
  const inUnits = input[0] * input[1] * input[2];
  const connections = inUnits * layer.outUnits;
  const biasAdds = layer.bias === false ? 0 : layer.outUnits;
  return {
    outputShape: [layer.outUnits, 1, 1],
    weights: connections + biasAdds,
    connections,
    realConnections: connections,
    forward: ops({ multiplyAdds: connections, additions: biasAdds }),
    backward: ops({ multiplyAdds: 2 * connections, additions: biasAdds }),
  };
}

/** Costs of one layer on an input `[C, H, W]`. */
export function layerStats(inputShape: Shape3, layer: LayerSpec): LayerStats {
  const op = `layerStats(${layer.kind})`;
  for (const [axis, n] of inputShape.entries()) requireInteger(op, `inputShape[${axis}]`, n, 1);
  const counts =
    layer.kind === 'conv'
      ? convCounts(op, inputShape, layer)
      : layer.kind === 'pool'
        ? poolCounts(op, inputShape, layer)
        : denseCounts(op, inputShape, layer);
  const [o, oh, ow] = counts.outputShape;
  const units = o * oh * ow;
  return {
    inputShape,
    outputShape: counts.outputShape,
    units,
    weights: counts.weights,
    connections: counts.connections,
    paddingConnections: counts.connections - counts.realConnections,
    forward: counts.forward,
    backward: counts.backward,
    memoryKept: units,
    memoryLive: inputShape[0] * inputShape[1] * inputShape[2] + units,
  };
}

/**
 * A fully connected layer, for comparison: every input meets every output through its own weight, so
 * weights = connections (plus one bias per output) — unlike conv, where one kernel serves every position.
 */
export function fullyConnectedStats(inUnits: number, outUnits: number, bias = true): LayerStats {
  requireInteger('fullyConnectedStats', 'inUnits', inUnits, 1);
  return layerStats([inUnits, 1, 1], { kind: 'dense', outUnits, bias });
}

export interface StackTotals {
  readonly units: number;
  readonly weights: number;
  readonly connections: number;
  readonly paddingConnections: number;
  readonly forward: OpCounts;
  readonly backward: OpCounts;
  /** Every activation kept for backprop: the input plus each layer's `memoryKept`, each counted once. */
  readonly memoryTraining: number;
  /** Inference frees each activation once used: the largest `memoryLive` (never less than the input). */
  readonly memoryInference: number;
}

export interface StackStats {
  /** Values of the input [C, H, W]: the first thing training keeps. */
  readonly inputUnits: number;
  readonly layers: readonly LayerStats[];
  readonly outputShape: Shape3;
  readonly totals: StackTotals;
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
  const inputUnits = inputShape[0] * inputShape[1] * inputShape[2];
  return { inputUnits, layers: rows, outputShape: shape, totals: sumRows(inputUnits, rows) };
}

type Summed = 'units' | 'weights' | 'connections' | 'paddingConnections' | 'memoryKept';

/** Totals of a stack's rows; `weights` may be recounted by a caller that knows of shared kernels. */
function sumRows(inputUnits: number, rows: readonly LayerStats[]): StackTotals {
  const total = (key: Summed): number => rows.reduce((s, r) => s + r[key], 0);
  const sumOps = (pass: 'forward' | 'backward'): OpCounts => ({
    multiplyAdds: rows.reduce((s, r) => s + r[pass].multiplyAdds, 0),
    comparisons: rows.reduce((s, r) => s + r[pass].comparisons, 0),
    additions: rows.reduce((s, r) => s + r[pass].additions, 0),
    multiplications: rows.reduce((s, r) => s + r[pass].multiplications, 0),
  });
  return {
    units: total('units'),
    weights: total('weights'),
    connections: total('connections'),
    paddingConnections: total('paddingConnections'),
    forward: sumOps('forward'),
    backward: sumOps('backward'),
    memoryTraining: inputUnits + total('memoryKept'),
    memoryInference: rows.reduce((m, r) => Math.max(m, r.memoryLive), inputUnits),
  };
}
