import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
const dist = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'));
console.log(dist);
setWasmPaths(join(dist, '/') + '/');
await tf.setBackend('wasm'); await tf.ready();
console.log(tf.getBackend(), tf.env().getBool('WASM_HAS_SIMD_SUPPORT'), tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT'));
const x = tf.randomUniform([1,128,128,16]); const f = tf.randomUniform([3,3,16,32]);
for (let r=0;r<5;r++){const t=performance.now(); const y=tf.conv2d(x as tf.Tensor4D,f as tf.Tensor4D,1,'same'); y.dataSync(); console.log((performance.now()-t).toFixed(2)); y.dispose();}
