import { ready, serveConvJobs } from '@convbook/core';

// A helper worker the notebook worker starts when a conv is big enough to split: it computes one band of
// rows (or one run of kernels) of that conv and posts it back. Type-checked with the WebWorker lib, where
// `self` is the worker scope.
serveConvJobs(self);
void ready(); // WASM SIMD kernels once compiled; the reference kernels give the same numbers until then
