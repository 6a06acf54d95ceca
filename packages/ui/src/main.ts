// The page entry: theme tokens, then the app shell — unless the page is inside another site's frame
// (frame-guard.ts), where the app never starts. Everything else is imported by the components.
import './app-styles/theme.css';
import { ready } from '@convbook/core';
import { isFramed, showFramedNotice } from './frame-guard';

if (isFramed()) showFramedNotice();
else {
  // Core's WASM kernels, compiled asynchronously: the page colours and measures its maps with them
  // (paint/colour-pixels.ts, cb-feature-map/map-summary.ts) and uses its JS loops until they are in.
  void ready();
  await import('./components/cb-app/cb-app');
}
