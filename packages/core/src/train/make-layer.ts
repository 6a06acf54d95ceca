import { ConvLayer, type TrainConvAlgorithm } from './conv-layer';
import { DenseLayer, FlattenLayer } from './dense-layer';
import type { Layer, LayerSpec } from './layers';
import { MaxPoolLayer } from './pool-layer';

/** The layer a spec describes, on the per-example shape its input has. */
export function makeLayer(
  spec: LayerSpec,
  inShape: readonly number[],
  maxBatch: number,
  convAlgorithm: TrainConvAlgorithm,
): Layer {
  switch (spec.kind) {
    case 'conv':
      if (inShape.length !== 3)
        throw new RangeError(`conv "${spec.id}" needs a [C, H, W] input, got [${inShape.join(', ')}]`);
      return new ConvLayer(spec, inShape, maxBatch, convAlgorithm);
    case 'pool':
      if (inShape.length !== 3)
        throw new RangeError(`pool "${spec.id}" needs a [C, H, W] input, got [${inShape.join(', ')}]`);
      return new MaxPoolLayer(spec, inShape, maxBatch);
    case 'flatten':
      return new FlattenLayer(spec, inShape);
    case 'dense':
      return new DenseLayer(spec, inShape, maxBatch);
  }
}
