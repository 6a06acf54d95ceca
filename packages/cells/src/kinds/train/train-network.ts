import { at, Network, type TrainLayerSpec } from '@convbook/core';
import { roundToHalf } from '../../document/weight-encoding';
import { broadcastKernel } from '../broadcast-kernel';
import type { NetworkChain } from './network-chain';
import type { LearnedWeights, TrainLayerCount, TrainValue } from './train-value';

/**
 * Builds the core Network for a chain and moves weights between it and the notebook's layout: a conv
 * cell with `flip` turns its kernels 180°, so the network holds the turned copy and turns it back when
 * reporting. Starting weights come from the weight cells, or from the previous run when resuming.
 */
export function buildNetwork(
  chain: NetworkChain,
  specs: readonly TrainLayerSpec[],
  maxBatch: number,
  previous: TrainValue | undefined,
): { network: Network; resumed: boolean } {
  const network = new Network(chain.inputShape, specs, maxBatch);
  const resumed = previous !== undefined && canResume(chain, previous);
  for (const w of chain.weights) {
    const params = network.parameters().find((p) => p.layerId === w.layerId);
    if (params === undefined) continue;
    const learned = resumed ? previous?.weights.find((l) => l.cellId === w.weightsCellId) : undefined;
    const layout =
      learned?.weights ??
      (params.shape.length === 4 ? broadcastKernel(w.weights, at(params.shape, 1)).data : w.weights.data);
    params.weights.set(w.flip ? flipped(layout, params.shape) : layout);
    params.bias.set(learned?.bias ?? w.bias);
  }
  return { network, resumed };
}

/** Resume only onto the same weight cells with the same shapes; anything else starts from the cells. */
function canResume(chain: NetworkChain, previous: TrainValue): boolean {
  return chain.weights.every((w) => {
    const learned = previous.weights.find((l) => l.cellId === w.weightsCellId);
    return !w.trainable || (learned !== undefined && learned.weights.length === w.weights.size);
  });
}

/** The trained weights per trainable weight cell, in the cells' layout (flip undone). */
export function learnedWeights(network: Network, chain: NetworkChain, roundHalf: boolean): LearnedWeights[] {
  const out: LearnedWeights[] = [];
  for (const w of chain.weights) {
    const params = network.parameters().find((p) => p.layerId === w.layerId);
    if (params === undefined || !w.trainable) continue;
    if (roundHalf) {
      roundToHalf(params.weights);
      roundToHalf(params.bias);
    }
    const weights = w.flip ? flipped(params.weights, params.shape) : params.weights.slice();
    out.push({ cellId: w.weightsCellId, shape: params.shape, weights, bias: params.bias.slice() });
  }
  return out;
}

export function frozenLayers(chain: NetworkChain): Set<string> {
  return new Set(chain.weights.filter((w) => !w.trainable).map((w) => w.layerId));
}

/** Each kernel plane turned 180° (its own inverse). Dense weights are never flipped. */
function flipped(data: Float32Array, shape: readonly number[]): Float32Array {
  if (shape.length !== 4) return data.slice();
  const plane = at(shape, 2) * at(shape, 3);
  const out = new Float32Array(data.length);
  for (let start = 0; start < data.length; start += plane) {
    for (let i = 0; i < plane; i++) out[start + i] = data[start + plane - 1 - i] ?? 0;
  }
  return out;
}

/** Weights and connections per layer, and floats held per example, from the network's real shapes. */
export function countLayers(network: Network): { layers: TrainLayerCount[]; memory: TrainValue['memory'] } {
  let inShape = network.inputShape;
  let activations = network.inputSize;
  let parameters = 0;
  const layers: TrainLayerCount[] = network.layers.map((layer) => {
    const outSize = layer.outShape.reduce((a, b) => a * b, 1);
    const p = layer.params;
    const weights = p === undefined ? 0 : p.weights.length + p.bias.length;
    parameters += weights;
    activations += outSize;
    const kind = layerKind(layer.params?.shape, layer.outShape, inShape);
    const connections =
      p === undefined ? 0 : kind === 'dense' ? p.weights.length : outSize * (p.fanIn as number);
    inShape = layer.outShape;
    return { cellId: layer.id, kind, outputShape: layer.outShape, weights, connections };
  });
  // Training keeps every activation for the backward pass plus a gradient of each, and the padded copies.
  return {
    layers,
    memory: { parameters, inferencePerExample: activations, trainingPerExample: 2 * activations },
  };
}

function layerKind(
  paramShape: readonly number[] | undefined,
  outShape: readonly number[],
  inShape: readonly number[],
): TrainLayerCount['kind'] {
  if (paramShape?.length === 4) return 'conv';
  if (paramShape?.length === 2) return 'dense';
  return outShape.length === 1 && inShape.length === 3 ? 'flatten' : 'pool';
}
