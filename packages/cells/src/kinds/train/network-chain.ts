import {
  type AxisPair,
  conv2dOutputSize,
  type Padding,
  pool2dOutputSize,
  type Tensor,
  type TrainLayerSpec,
} from '@convbook/core';
import { broadcastKernel } from '../broadcast-kernel';
import { convSchema } from '../conv-schema';
import type { GraphView } from '../define-cell-kind';
import { denseSchema } from '../dense-schema';
import { flattenSchema } from '../flatten-schema';
import type { CellKindSchema } from '../kind-schema';
import { poolSchema } from '../pool-schema';

/**
 * Reads the layers between a loss cell and the picture they start from — conv, pool, flatten and dense
 * cells wired by their `input` slots — as a network core can train. Weights that come from a `weights`
 * cell are trained and written back; weights from any other kernel cell (a preset, typed-in values) stay
 * frozen. Every refusal names the cell and the field.
 */
export interface TrainableWeights {
  /** The conv or dense cell whose layer uses them. */
  readonly layerId: string;
  readonly weightsCellId: string;
  readonly trainable: boolean;
  /** The conv cell turns its kernel 180° (true convolution); the network works on the turned copy. */
  readonly flip: boolean;
  readonly weights: Tensor;
  readonly bias: Float32Array;
}

/** A layer as its cell states it: conv and pool keep their padding setting until shapes are known. */
export type PendingSpec = TrainLayerSpec & { readonly padding?: Padding };

export interface NetworkChain {
  readonly inputCellId: string;
  readonly inputShape: readonly number[];
  readonly specs: readonly PendingSpec[];
  readonly weights: readonly TrainableWeights[];
}

const KINDS: Readonly<Record<string, CellKindSchema>> = {
  conv: convSchema,
  pool: poolSchema,
  flatten: flattenSchema,
  dense: denseSchema,
};

export function readNetworkChain(graph: GraphView, predictionCellId: string): NetworkChain {
  const specs: PendingSpec[] = [];
  const weights: TrainableWeights[] = [];
  const visited = new Set<string>();
  let id = predictionCellId;
  for (;;) {
    if (visited.has(id)) throw new Error(`the layers loop back to "${id}"`);
    visited.add(id);
    const cell = graph.cell(id);
    if (cell === undefined) throw new Error(`cell "${id}" is not upstream of the loss`);
    const kind = KINDS[cell.kind];
    if (kind === undefined) return finish(graph, id, specs, weights);
    const parsed = kind.parseParams(cell.params, 'params');
    if ('problems' in parsed)
      throw new Error(`"${id}" has invalid parameters: ${parsed.problems[0]?.message}`);
    const params = parsed.params;
    if (cell.kind === 'conv' || cell.kind === 'dense') {
      const weightsId = cell.inputs?.[cell.kind === 'conv' ? 'kernel' : 'weights'];
      weights.push(layerWeights(graph, id, cell.kind, weightsId, params, weights));
    }
    specs.push(layerSpec(id, cell.kind, params));
    const inputId = cell.inputs?.input;
    if (inputId === undefined) throw new Error(`"${id}" has no input wired`);
    id = inputId;
  }
}

function finish(
  graph: GraphView,
  id: string,
  specs: TrainLayerSpec[],
  weights: TrainableWeights[],
): NetworkChain {
  const value = graph.value(id);
  if (value?.type !== 'tensor' || value.tensor.rank !== 3) {
    throw new Error(`the layers start at "${id}", which is not a [channels, rows, columns] picture`);
  }
  specs.reverse();
  weights.reverse();
  return { inputCellId: id, inputShape: value.tensor.shape, specs, weights };
}

function layerWeights(
  graph: GraphView,
  layerId: string,
  kind: 'conv' | 'dense',
  weightsId: string | undefined,
  params: Readonly<Record<string, unknown>>,
  seen: readonly TrainableWeights[],
): TrainableWeights {
  const slot = kind === 'conv' ? 'kernel' : 'weights';
  const value = weightsId === undefined ? undefined : graph.value(weightsId);
  if (weightsId === undefined || value?.type !== 'kernel')
    throw new Error(`"${layerId}".${slot}: no computed weights wired`);
  const shared = seen.find((w) => w.weightsCellId === weightsId);
  if (shared !== undefined) {
    throw new Error(
      `"${layerId}".${slot}: weights "${weightsId}" are also used by "${shared.layerId}"; training needs one weights cell per layer`,
    );
  }
  const trainable = graph.cell(weightsId)?.kind === 'weights';
  return {
    layerId,
    weightsCellId: weightsId,
    trainable,
    flip: params.flip === true,
    weights: value.weights,
    bias: value.bias,
  };
}

/** Specs as the cells state them; attachWeights completes conv geometry once input shapes are known. */
function layerSpec(id: string, kind: string, params: Readonly<Record<string, unknown>>): PendingSpec {
  if (kind === 'flatten') return { kind: 'flatten', id };
  if (kind === 'dense') {
    return {
      kind: 'dense',
      id,
      units: params.units as number,
      activation: params.activation as 'relu' | 'none',
    };
  }
  if (kind === 'pool') {
    if (params.kind !== 'max')
      throw new Error(`"${id}".kind: training supports max pooling, not "${String(params.kind)}"`);
    const size = pair(params.size as AxisPair);
    const stride = params.stride === undefined ? size : pair(params.stride as AxisPair);
    return { kind: 'pool', id, size, stride, padding: params.padding as Padding };
  }
  const activation = params.activation;
  if (activation !== 'relu' && activation !== 'identity') {
    throw new Error(`"${id}".activation: training supports relu or identity, not "${String(activation)}"`);
  }
  if (params.dilation !== undefined && pair(params.dilation as AxisPair).some((d) => d !== 1)) {
    throw new Error(`"${id}".dilation: training supports dilation 1 only`);
  }
  if (params.paddingMode !== 'zeros')
    throw new Error(`"${id}".paddingMode: training supports zero padding only`);
  return {
    kind: 'conv',
    id,
    outChannels: 0,
    kernel: [0, 0],
    stride: params.stride === undefined ? [1, 1] : pair(params.stride as AxisPair),
    pad: [0, 0, 0, 0],
    activation: activation === 'relu' ? 'relu' : 'none',
    padding: params.padding as Padding,
  };
}

/**
 * Walks the shapes forward: fills in each conv's kernel size and explicit pads (from 'same', 'valid' or
 * numbers) from its weights, checks pools are unpadded and each dense layer's weights fit its input.
 */
export function attachWeights(chain: NetworkChain, maxBatch: number): TrainLayerSpec[] {
  let shape = chain.inputShape;
  const out: TrainLayerSpec[] = [];
  const volume = (s: readonly number[]) => s.reduce((a, b) => a * b, 1);
  // Each example keeps its input, every layer's output and a gradient of each, and conv's padded input.
  let floatsPerExample = 2 * volume(shape);
  for (const spec of chain.specs) {
    if (spec.kind === 'conv') {
      const w = chain.weights.find((x) => x.layerId === spec.id) as TrainableWeights;
      if (w.weights.rank !== 4)
        throw new Error(`"${spec.id}".kernel: needs a [kernels, channels, rows, columns] bank`);
      const channels = w.trainable
        ? w.weights.shape[1]
        : broadcastKernel(w.weights, shape[0] as number).shape[1];
      if (channels !== shape[0]) {
        throw new Error(
          `"${spec.id}".kernel: weights "${w.weightsCellId}" have ${channels} channels but the input has ${shape[0]}`,
        );
      }
      const [o, , kh, kw] = w.weights.shape as [number, number, number, number];
      const size = conv2dOutputSize([shape[1] as number, shape[2] as number], [kh, kw], {
        stride: spec.stride as unknown as AxisPair,
        padding: spec.padding,
      });
      const { top, bottom, left, right } = size.pads;
      out.push({ ...spec, outChannels: o, kernel: [kh, kw], pad: [top, bottom, left, right] });
      floatsPerExample +=
        (shape[0] as number) * ((shape[1] as number) + top + bottom) * ((shape[2] as number) + left + right);
      shape = [o, size.height, size.width];
    } else if (spec.kind === 'pool') {
      const size = pool2dOutputSize([shape[1] as number, shape[2] as number], {
        size: spec.size as unknown as AxisPair,
        stride: spec.stride as unknown as AxisPair,
        padding: spec.padding,
      });
      const { top, bottom, left, right } = size.pads;
      if (top + bottom + left + right > 0)
        throw new Error(`"${spec.id}".padding: training supports unpadded pooling only`);
      out.push({ kind: 'pool', id: spec.id, size: spec.size, stride: spec.stride });
      shape = [shape[0] as number, size.height, size.width];
    } else if (spec.kind === 'flatten') {
      out.push(spec);
      shape = [shape.reduce((a, b) => a * b, 1)];
    } else {
      const w = chain.weights.find((x) => x.layerId === spec.id) as TrainableWeights;
      const inputs = shape.reduce((a, b) => a * b, 1);
      const ws = w.weights.shape;
      if (ws.length !== 2 || ws[0] !== spec.units || ws[1] !== inputs) {
        throw new Error(
          `"${spec.id}".weights: are [${ws.join(', ')}] but the layer needs [${spec.units}, ${inputs}]`,
        );
      }
      out.push({ kind: 'dense', id: spec.id, units: spec.units, activation: spec.activation });
      shape = [spec.units];
    }
    floatsPerExample += 2 * volume(shape);
    refuseHugeBatch(floatsPerExample, maxBatch);
  }
  return out;
}

/** Activations and gradients held for one batch: 2^26 floats (256 MB), checked before anything is allocated. */
export const MAX_TRAINING_FLOATS = 2 ** 26;

function refuseHugeBatch(floatsPerExample: number, maxBatch: number): void {
  if (floatsPerExample * maxBatch <= MAX_TRAINING_FLOATS) return;
  const mb = Math.ceil((floatsPerExample * maxBatch * 4) / 2 ** 20);
  throw new Error(
    `batchSize: training this network keeps at least ${mb} MB of activations and gradients for ${maxBatch} ` +
      `examples, over the limit of ${(MAX_TRAINING_FLOATS * 4) / 2 ** 20} MB; use fewer kernels or smaller maps`,
  );
}

function pair(value: AxisPair): [number, number] {
  return typeof value === 'number' ? [value, value] : [value[0], value[1]];
}
