import { encodeWeights } from '../../document/weight-encoding';
import type { TrainValue } from './train-value';

/**
 * The one edit "Apply" makes: for each trained weights cell, a params patch with its learned weights and
 * bias as base64 float16 (the train cell already rounded them, so nothing changes on the way). The page
 * applies the whole list as one undoable edit.
 */
export interface WeightsPatch {
  readonly cellId: string;
  readonly params: { readonly data: string; readonly bias: string };
}

export function trainedWeightPatches(value: TrainValue): WeightsPatch[] {
  return value.weights.map((w) => ({
    cellId: w.cellId,
    params: { data: encodeWeights(w.weights, 'f16'), bias: encodeWeights(w.bias, 'f16') },
  }));
}
