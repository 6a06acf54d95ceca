import { ready } from '@convbook/core';
import { serveNotebook } from './notebook-server';
import type { MessageEndpoint } from './protocol';

// The worker entry: all computation happens here, off the page's main thread. The package is type-checked
// with the DOM lib, where `self` is a Window; inside a dedicated worker it is the worker scope, whose
// postMessage/addEventListener match MessageEndpoint.
serveNotebook(self as unknown as MessageEndpoint);
// Swap in the WASM SIMD kernels as soon as they compile. Until then (a few ms) cells compute with the
// reference kernels, which give the same numbers, so nothing waits on the load and no message is missed.
void ready();
