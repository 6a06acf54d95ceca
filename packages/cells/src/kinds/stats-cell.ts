import type { LayerSpec } from '@convbook/core';
import { withCompute } from './kind-compute';
import { chainStats, type NamedLayer } from './layer-chain-stats';
import { statsSchema } from './stats-schema';
import { ChainError, type NetworkLayer, walkUpstreamNetwork } from './upstream-layers';

/** Runs stats cells (the schema, stats-schema.ts, is what the page reads). */
export const statsCell = withCompute(statsSchema, {
  compute: (_inputs, params, context) => {
    const ofId = context.graph.cell(context.cellId)?.inputs?.of;
    if (ofId === undefined) {
      throw new ChainError('the "of" input must be wired to a conv, pool or dense cell');
    }
    const chain = walkUpstreamNetwork(context.graph, ofId);
    if (chain.layers.length === 0) {
      throw new ChainError(`"${ofId}" is not a conv, pool or dense cell, so there are no layers to count`);
    }
    const [channels = 1, height = 1, width = 1] = chain.input.shape;
    let currentChannels = channels;
    const layers: NamedLayer[] = chain.layers.map((layer) => {
      const spec = layerSpec(layer, currentChannels, params.countBias);
      // Core lays a dense layer's output out as [units, 1, 1].
      if (spec.kind === 'dense') currentChannels = spec.outUnits;
      if (spec.kind !== 'conv' || layer.kind !== 'conv') return { cellId: layer.cellId, spec };
      currentChannels = spec.outChannels;
      const [outChannels = 1, kernelChannels = 1, kh = 1, kw = 1] = layer.weights.shape;
      if (kernelChannels === spec.inChannels) return { cellId: layer.cellId, spec };
      const distinctWeights = outChannels * kh * kw + (params.countBias ? outChannels : 0);
      return { cellId: layer.cellId, spec, distinctWeights };
    });
    return chainStats([channels, height, width], layers, params.countBias);
  },
});

/** A one-channel kernel broadcast over C channels makes connections like the C-channel kernel it stands for. */
function layerSpec(layer: NetworkLayer, inChannels: number, bias: boolean): LayerSpec {
  if (layer.kind === 'dense') {
    // The dense cell checks this too; a stats cell must not count a layer that cannot run.
    const needed = layer.units * layer.inputs;
    if (layer.weights.size !== needed) {
      throw new ChainError(
        `"${layer.cellId}".weights: "${layer.weightsCellId}" holds ${layer.weights.size} weights but ${layer.units} units × ${layer.inputs} inputs need ${needed}`,
      );
    }
    return { kind: 'dense', outUnits: layer.units, bias };
  }
  if (layer.kind === 'pool') {
    const { kind, size, stride, padding } = layer.options;
    return {
      kind: 'pool',
      op: kind,
      size,
      ...(stride === undefined ? {} : { stride }),
      ...(padding === undefined ? {} : { padding }),
    };
  }
  const [outChannels = 1, , kh = 1, kw = 1] = layer.weights.shape;
  const { stride, dilation, padding } = layer.options;
  return {
    kind: 'conv',
    inChannels,
    outChannels,
    kernel: [kh, kw],
    bias,
    ...(stride === undefined ? {} : { stride }),
    ...(dilation === undefined ? {} : { dilation }),
    ...(padding === undefined ? {} : { padding }),
  };
}
