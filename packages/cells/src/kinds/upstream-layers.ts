import type { ActivationName, ActivationOptions, Conv2dOptions, Pool2dOptions, Tensor } from '@convbook/core';
import type { CellValue } from '../cell-value';
import { convSchema } from './conv-schema';
import type { GraphView } from './define-cell-kind';
import { denseSchema } from './dense-schema';
import { flattenSchema } from './flatten-schema';
import type { CellKindSchema } from './kind-schema';
import { poolSchema } from './pool-schema';

/**
 * Walks from a conv or pool cell back through its `input` wires to the first cell that is neither — the
 * image the chain starts from — and returns the layers in forward order with their parsed parameters, as
 * plain data. Grad cells run this chain forward and backward themselves (backprop-chain.ts); stats cells
 * count it, and also walk through flatten and dense cells (`walkUpstreamNetwork`), which grad cells do not
 * differentiate. Conv and pool values carry nothing extra.
 */
export interface ConvLayer {
  readonly kind: 'conv';
  readonly cellId: string;
  /** The kernel cell this layer's weights come from; two layers sharing one kernel cell share weights. */
  readonly kernelCellId: string;
  readonly weights: Tensor;
  readonly bias: Float32Array;
  readonly options: Omit<Conv2dOptions, 'bias'>;
  readonly activation: ActivationName;
  readonly activationOptions?: ActivationOptions;
}

export interface PoolLayer {
  readonly kind: 'pool';
  readonly cellId: string;
  readonly options: Pool2dOptions;
}

export type ChainLayer = ConvLayer | PoolLayer;

/** A fully connected layer: weights [units, inputs] from a weights (or kernel) cell, one bias per unit. */
export interface DenseLayer {
  readonly kind: 'dense';
  readonly cellId: string;
  readonly weightsCellId: string;
  readonly units: number;
  /** Values of the tensor it reads, whatever its shape: a dense layer sees them as one vector. */
  readonly inputs: number;
  readonly weights: Tensor;
}

/** A layer of a whole network; flatten cells only reshape, so they are walked through without a layer. */
export type NetworkLayer = ChainLayer | DenseLayer;

export interface LayerChain<Layer = ChainLayer> {
  readonly inputCellId: string;
  /** The image [C, H, W] the first layer reads. */
  readonly input: Tensor;
  readonly layers: readonly Layer[];
}

/** Thrown (and shown on the asking cell) when the graph is not a chain this walker understands. */
export class ChainError extends Error {
  override readonly name = 'ChainError';
}

export function walkUpstreamLayers(graph: GraphView, endCellId: string): LayerChain {
  return walk(graph, endCellId, false) as LayerChain;
}

/** Like walkUpstreamLayers, and through flatten and dense cells too: the layers a stats cell counts. */
export function walkUpstreamNetwork(graph: GraphView, endCellId: string): LayerChain<NetworkLayer> {
  return walk(graph, endCellId, true);
}

const LAYER_KINDS: Readonly<Record<string, CellKindSchema>> = { conv: convSchema, pool: poolSchema };
const NETWORK_KINDS: Readonly<Record<string, CellKindSchema>> = {
  ...LAYER_KINDS,
  flatten: flattenSchema,
  dense: denseSchema,
};

function walk(graph: GraphView, endCellId: string, network: boolean): LayerChain<NetworkLayer> {
  const kinds = network ? NETWORK_KINDS : LAYER_KINDS;
  const layers: NetworkLayer[] = [];
  const visited = new Set<string>();
  let id = endCellId;
  for (;;) {
    if (visited.has(id)) throw new ChainError(`the chain of layers loops back to "${id}"`);
    visited.add(id);
    const spec = graph.cell(id);
    if (spec === undefined) throw new ChainError(`cell "${id}" is not upstream of this one`);
    const kind = kinds[spec.kind];
    if (kind === undefined)
      return { inputCellId: id, input: startImage(graph, id), layers: layers.reverse() };
    const params = parsedParams(kind, id, spec.params);
    const inputId = spec.inputs?.input;
    if (inputId === undefined) throw new ChainError(`"${id}" has no input wired`);
    if (spec.kind === 'conv') layers.push(convLayer(graph, id, spec.inputs?.kernel, params));
    else if (spec.kind === 'pool') layers.push(poolLayer(id, params));
    else if (spec.kind === 'dense') layers.push(denseLayer(graph, id, spec.inputs, params));
    id = inputId;
  }
}

function startImage(graph: GraphView, id: string): Tensor {
  const value = graph.value(id);
  if (value?.type !== 'tensor') {
    throw new ChainError(
      `the chain starts at "${id}", which has ${describeValue(value)} instead of an image`,
    );
  }
  return value.tensor;
}

function convLayer(
  graph: GraphView,
  cellId: string,
  kernelCellId: string | undefined,
  params: Readonly<Record<string, unknown>>,
): ConvLayer {
  const kernel = kernelCellId === undefined ? undefined : graph.value(kernelCellId);
  if (kernelCellId === undefined || kernel?.type !== 'kernel') {
    throw new ChainError(`"${cellId}" has no computed kernel`);
  }
  // The params passed conv's own schema, so these casts restate types the schema already checked.
  const options: Omit<Conv2dOptions, 'bias'> = {
    stride: params.stride as Conv2dOptions['stride'],
    dilation: params.dilation as Conv2dOptions['dilation'],
    padding: params.padding as Conv2dOptions['padding'],
    paddingMode: params.paddingMode as Conv2dOptions['paddingMode'],
    flip: params.flip as boolean,
  };
  return {
    kind: 'conv',
    cellId,
    kernelCellId,
    weights: kernel.weights,
    bias: kernel.bias,
    options,
    activation: params.activation as ActivationName,
    ...(typeof params.alpha === 'number' ? { activationOptions: { alpha: params.alpha } } : {}),
  };
}

function denseLayer(
  graph: GraphView,
  cellId: string,
  wires: Readonly<Record<string, string>> | undefined,
  params: Readonly<Record<string, unknown>>,
): DenseLayer {
  const weightsCellId = wires?.weights;
  const weights = weightsCellId === undefined ? undefined : graph.value(weightsCellId);
  if (weightsCellId === undefined || weights?.type !== 'kernel') {
    throw new ChainError(`"${cellId}" has no computed weights`);
  }
  const input = wires?.input === undefined ? undefined : graph.value(wires.input);
  if (input?.type !== 'tensor') throw new ChainError(`"${cellId}" has no computed input`);
  return {
    kind: 'dense',
    cellId,
    weightsCellId,
    units: params.units as number,
    inputs: input.tensor.size,
    weights: weights.weights,
  };
}

function poolLayer(cellId: string, params: Readonly<Record<string, unknown>>): PoolLayer {
  const options: Pool2dOptions = {
    kind: params.kind as Pool2dOptions['kind'],
    size: params.size as Pool2dOptions['size'],
    stride: params.stride as Pool2dOptions['stride'],
    padding: params.padding as Pool2dOptions['padding'],
  };
  return { kind: 'pool', cellId, options };
}

function parsedParams(kind: CellKindSchema, cellId: string, raw: unknown): Readonly<Record<string, unknown>> {
  const parsed = kind.parseParams(raw, 'params');
  if ('problems' in parsed) {
    throw new ChainError(
      `"${cellId}" has invalid parameters: ${parsed.problems.map((p) => p.message).join('; ')}`,
    );
  }
  return parsed.params;
}

function describeValue(value: CellValue | undefined): string {
  return value === undefined ? 'no value' : `a ${value.type}`;
}
