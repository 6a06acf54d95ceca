import { ready, serveTrainJobs } from '@convbook/core';

// The helper worker a training run starts (once, then shared by every run): it computes the second half
// of each batch's gradient. On a cross-origin-isolated page it meets the notebook worker over shared
// memory, blocking on Atomics between steps; otherwise each step is one message. Type-checked with the
// WebWorker lib, where `self` is the worker scope.
serveTrainJobs(self);
void ready(); // the WASM SIMD kernels; the reference kernels give the same numbers until they compile
