import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { Contender } from './measure';

/** The two TensorFlow.js backends we measure against, single-threaded, in this process. */
export const TFJS_BACKENDS = ['wasm', 'cpu'] as const;
export type TfjsBackend = (typeof TFJS_BACKENDS)[number];

/**
 * In Node the wasm backend would try to fetch its .wasm files; pointed at the package's own dist folder as
 * a file path, Emscripten reads them from disk, offline.
 */
export async function initTfjs(): Promise<void> {
  const dist = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
  setWasmPaths(`${dist}/`);
  for (const backend of TFJS_BACKENDS) {
    if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend ${backend} failed to start`);
  }
  await tf.ready();
}

/** [C, H, W] → [1, H, W, C] (NHWC) data. */
export function toNhwc(data: Float32Array, [c = 0, h = 0, w = 0]: readonly number[]): Float32Array {
  const out = new Float32Array(data.length);
  for (let ch = 0; ch < c; ch++) for (let i = 0; i < h * w; i++) out[i * c + ch] = data[ch * h * w + i] ?? 0;
  return out;
}

/** [O, C, kh, kw] → [kh, kw, C, O] (HWIO) data. */
export function toHwio(data: Float32Array, [o = 0, c = 0, kh = 0, kw = 0]: readonly number[]): Float32Array {
  const out = new Float32Array(data.length);
  const taps = kh * kw;
  for (let oi = 0; oi < o; oi++)
    for (let ci = 0; ci < c; ci++)
      for (let t = 0; t < taps; t++) out[(t * c + ci) * o + oi] = data[(oi * c + ci) * taps + t] ?? 0;
  return out;
}

/** A contender that creates its tensors (untimed), runs `op` and downloads the result (timed). */
export function tfjsContender(
  backend: TfjsBackend,
  inputs: () => tf.Tensor[],
  op: (inputs: tf.Tensor[]) => tf.Tensor,
  keep?: (result: Float32Array) => void,
): Contender {
  let live: tf.Tensor[] = [];
  return {
    name: `tfjs-${backend}`,
    async prepare() {
      await tf.setBackend(backend);
      live = inputs();
      return () => {
        const result = op(live);
        live.push(result);
        const data = result.dataSync() as Float32Array;
        keep?.(data);
      };
    },
    cleanup() {
      tf.dispose(live);
      live = [];
    },
  };
}

export { tf };
