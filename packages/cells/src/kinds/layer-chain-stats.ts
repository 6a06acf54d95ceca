import {
  fullyConnectedStats,
  type LayerSpec,
  type ReceptiveLayer,
  receptiveField,
  stackStats,
} from '@convbook/core';
import type { StatsRow, StatsValue } from '../cell-value';

/** One conv or pool layer of a chain, named by the cell that computes it. */
export interface NamedLayer {
  readonly cellId: string;
  readonly spec: LayerSpec;
  /**
   * Learned numbers when fewer than the spec implies: a 2-D kernel broadcast over C channels applies
   * C·kh·kw weights per kernel (connections count all of them) but only kh·kw of them are distinct.
   */
  readonly distinctWeights?: number;
}

/**
 * Counts for a chain of layers fed by an image of `inputShape` [C, H, W]: per layer and in total, plus the
 * receptive field of each layer's units in the image, plus what one fully connected layer mapping the same
 * input units to the same output units would cost — the comparison that shows why convolutions are cheap.
 */
export function chainStats(
  inputShape: readonly [number, number, number],
  layers: readonly NamedLayer[],
  countBias = true,
): StatsValue {
  const stack = stackStats(
    inputShape,
    layers.map((l) => l.spec),
  );
  const fields = receptiveField(
    layers.map((l, index) => receptiveLayer(l.spec, stack.layers[index]?.inputShape ?? inputShape)),
    [inputShape[1], inputShape[2]],
  );
  const rows: StatsRow[] = stack.layers.map((row, index) => {
    const layer = layers[index] as NamedLayer;
    const field = fields[index];
    const { inputShape: _, ...counts } = row;
    return {
      cellId: layer.cellId,
      kind: layer.spec.kind,
      ...counts,
      weights: layer.distinctWeights ?? row.weights,
      receptiveField: { size: field?.size ?? [1, 1], jump: field?.jump ?? [1, 1] },
    };
  });
  const outputUnits = stack.outputShape[0] * stack.outputShape[1] * stack.outputShape[2];
  const {
    inputShape: _in,
    outputShape: _out,
    ...dense
  } = fullyConnectedStats(stack.inputUnits, outputUnits, countBias);
  return {
    type: 'stats',
    inputShape,
    inputUnits: stack.inputUnits,
    layers: rows,
    totals: { ...stack.totals, weights: rows.reduce((sum, row) => sum + row.weights, 0) },
    fullyConnected: { ...dense, inUnits: stack.inputUnits },
  };
}

/**
 * Pooling windows grow the receptive field like a kernel of the window's size whose stride defaults to it;
 * a dense unit sees its whole input, like a valid kernel as large as the input's plane.
 */
function receptiveLayer(spec: LayerSpec, input: readonly [number, number, number]): ReceptiveLayer {
  if (spec.kind === 'dense') return { kernel: [input[1], input[2]] };
  if (spec.kind === 'conv') {
    return {
      kernel: spec.kernel,
      ...(spec.stride === undefined ? {} : { stride: spec.stride }),
      ...(spec.dilation === undefined ? {} : { dilation: spec.dilation }),
      ...(spec.padding === undefined ? {} : { padding: spec.padding }),
    };
  }
  return {
    kernel: spec.size,
    stride: spec.stride ?? spec.size,
    ...(spec.padding === undefined ? {} : { padding: spec.padding }),
  };
}
