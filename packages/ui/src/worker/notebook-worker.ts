import { serveNotebook } from './notebook-server';
import type { MessageEndpoint } from './protocol';

// The worker entry: all computation happens here, off the page's main thread. The package is type-checked
// with the DOM lib, where `self` is a Window; inside a dedicated worker it is the worker scope, whose
// postMessage/addEventListener match MessageEndpoint.
serveNotebook(self as unknown as MessageEndpoint);
