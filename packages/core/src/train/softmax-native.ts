import type { WasmWorkspace } from '../backend/wasm-workspace';
import { copyInto } from './native-steps';
import type { ShardLoss } from './shards';

/**
 * Softmax cross-entropy forward and backward in one WASM call (assembly/softmax-loss.ts) on the
 * network's own blocks: the loss summed over the rows, and dL/dlogits = (p − onehot) / meanOver.
 */
export class NativeSoftmaxLoss {
  readonly #ws: WasmWorkspace;
  readonly #classes: number;

  constructor(ws: WasmWorkspace, classes: number, maxBatch: number) {
    this.#ws = ws;
    this.#classes = classes;
    ws.reserve('logits', maxBatch * classes);
    ws.reserve('labels', maxBatch);
    ws.reserve('grad', maxBatch * classes);
  }

  /** Loss summed over `batch` rows of `logits`; `grad` receives dL/dlogits for a mean over `meanOver`. */
  run(
    logits: Float32Array,
    labels: ArrayLike<number>,
    batch: number,
    meanOver: number,
    grad: Float32Array,
  ): ShardLoss {
    const ws = this.#ws;
    const classes = this.#classes;
    const n = batch * classes;
    ws.reserve('logits', n);
    ws.reserve('labels', batch);
    ws.reserve('grad', n);
    copyInto(ws.floats('logits', n), logits);
    const codes = ws.ints('labels', batch);
    for (let b = 0; b < batch; b++) {
      const label = labels[b] as number;
      if (!Number.isInteger(label) || label < 0 || label >= classes) {
        throw new RangeError(`label ${label} of example ${b} is not a class from 0 to ${classes - 1}`);
      }
      codes[b] = label;
    }
    const at = (name: string): number => ws.address(name);
    const lossSum = ws.wasm.softmaxCrossEntropy(
      at('logits'),
      at('labels'),
      at('grad'),
      0,
      batch,
      classes,
      1 / meanOver,
    );
    grad.set(ws.floats('grad', n));
    return { lossSum, correct: ws.wasm.lastCorrect() };
  }
}
