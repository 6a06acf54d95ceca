import { conv2d, Tensor } from '@convbook/core';
import type { GradValue } from '../cell-value';
import { type BackpropChain, backwardChain, forwardChain } from './backprop-chain';
import { broadcastKernel } from './broadcast-kernel';
import type { GraphView } from './define-cell-kind';
import { gradSchema } from './grad-schema';
import { type TrainingResult, trainKernel } from './gradient-descent';
import { withCompute } from './kind-compute';
import { lossTarget } from './loss-cell';
import { lossSchema } from './loss-schema';
import { ChainError, walkUpstreamLayers } from './upstream-layers';

/** Runs grad cells (the schema, grad-schema.ts, is what the page reads). */
export const gradCell = withCompute(gradSchema, {
  compute: async (_inputs, params, context) => {
    const chain = buildChain(context.graph, context.cellId);
    const forward = forwardChain(chain);
    const backward = backwardChain(chain, forward);
    if (params.target === 'image') {
      if (params.kernelCell !== undefined && params.kernelCell !== chain.inputCellId) {
        throw new ChainError(`the image of this chain is "${chain.inputCellId}", not "${params.kernelCell}"`);
      }
      return { type: 'grad', target: 'image', gradient: backward.input } satisfies GradValue;
    }
    const kernelId = params.kernelCell ?? nearestKernel(chain);
    const gradient = backward.kernels.get(kernelId);
    if (gradient === undefined) {
      throw new ChainError(
        `no conv layer between "${chain.inputCellId}" and the loss uses kernel "${kernelId}"`,
      );
    }
    const value: GradValue = {
      type: 'grad',
      target: 'kernel',
      gradient: gradient.weights,
      biasGradient: gradient.bias,
      ...(params.selectedWeight === undefined
        ? {}
        : {
            perPosition: perPositionContributions(
              chain,
              forward,
              backward.preActivationGradients,
              kernelId,
              params.selectedWeight,
            ),
          }),
    };
    if (params.train === undefined) return value;
    const withTraining = (training: TrainingResult): GradValue => ({ ...value, training });
    const trained = await trainKernel(chain, kernelId, params.train, {
      signal: context.signal,
      progress: (done, total, snapshot) => context.progress(done, total, withTraining(snapshot)),
    });
    return withTraining(trained);
  },
});

/** The grad cell's loss input, the loss cell's own wiring, and the layers behind its prediction. */
function buildChain(graph: GraphView, gradCellId: string): BackpropChain {
  const lossId = graph.cell(gradCellId)?.inputs?.loss;
  const lossSpec = lossId === undefined ? undefined : graph.cell(lossId);
  if (lossId === undefined || lossSpec === undefined || lossSpec.kind !== 'loss') {
    throw new ChainError('the "loss" input must be wired to a loss cell');
  }
  const parsed = lossSchema.parseParams(lossSpec.params, 'params');
  if ('problems' in parsed) throw new ChainError(`loss cell "${lossId}" has invalid parameters`);
  const predictionId = lossSpec.inputs?.prediction;
  if (predictionId === undefined) throw new ChainError(`loss cell "${lossId}" has no prediction wired`);
  const targetId = lossSpec.inputs?.target;
  const targetValue = targetId === undefined ? undefined : graph.value(targetId);
  const prediction = graph.value(predictionId);
  const predictionShape = prediction?.type === 'tensor' ? prediction.tensor.shape : [];
  const targetClass = parsed.params.targetClass;
  return {
    ...walkUpstreamLayers(graph, predictionId),
    loss: {
      loss: parsed.params.loss as 'mse' | 'cross-entropy',
      reduction: parsed.params.reduction as 'mean' | 'sum',
      target: lossTarget(
        targetValue?.type === 'tensor' ? targetValue.tensor : undefined,
        typeof targetClass === 'number' ? targetClass : undefined,
        predictionShape,
        parsed.params.loss as 'mse' | 'cross-entropy',
      ),
    },
  };
}

function nearestKernel(chain: BackpropChain): string {
  const conv = chain.layers.findLast((layer) => layer.kind === 'conv');
  if (conv === undefined || conv.kind !== 'conv') {
    throw new ChainError(`there is no conv layer between "${chain.inputCellId}" and the loss`);
  }
  return conv.kernelCellId;
}

/**
 * Tied weights made visible: weight [o, c, i, j] meets a different input pixel at each output position, and
 * its gradient is the sum over positions of (that pixel × dL/d(output there)). The pixel each position sees
 * is a convolution of the layer's input with a one-hot kernel under the same options, so padding modes,
 * strides, dilation and flipping are all honoured by core rather than re-derived here.
 */
function perPositionContributions(
  chain: BackpropChain,
  forward: ReturnType<typeof forwardChain>,
  preActivationGradients: ReadonlyMap<number, Tensor>,
  kernelId: string,
  selected: readonly number[],
): Tensor {
  const index = chain.layers.findIndex((layer) => layer.kind === 'conv' && layer.kernelCellId === kernelId);
  const layer = chain.layers[index];
  const input = forward.traces[index]?.input;
  const gradPre = preActivationGradients.get(index);
  if (layer?.kind !== 'conv' || input === undefined || gradPre === undefined) {
    throw new ChainError(`kernel "${kernelId}" is not used on the way to the loss`);
  }
  const [o = 0, c = 0, i = 0, j = 0] = selected;
  const [outChannels = 1, channels = 1, kh = 1, kw = 1] = layer.weights.shape;
  if (o >= outChannels || c >= channels || i >= kh || j >= kw) {
    throw new ChainError(
      `selectedWeight [${selected.join(', ')}] is outside the kernel bank ${outChannels}×${channels}×${kh}×${kw}`,
    );
  }
  const oneHot = new Tensor([1, channels, kh, kw]);
  oneHot.data[(c * kh + i) * kw + j] = 1;
  const seen = conv2d(input, broadcastKernel(oneHot, input.shape[0] ?? 1), layer.options);
  const [, height = 1, width = 1] = gradPre.shape;
  const plane = height * width;
  const contributions = new Float32Array(plane);
  for (let p = 0; p < plane; p++) contributions[p] = (seen.data[p] ?? 0) * (gradPre.data[o * plane + p] ?? 0);
  return new Tensor([height, width], contributions);
}
