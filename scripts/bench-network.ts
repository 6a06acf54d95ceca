// The notebook of issue 14's edit-to-paint goal, built in memory for scripts/bench-browser.ts: a
// 512×512 RGB picture → conv 3×3×16 + relu → max pool 2×2 → conv 3×3×32 + relu → max pool 2×2. The
// first kernel bank holds typed-in values (so its weights have editor fields); the second is seeded.
import type { ExampleNotebook } from '../test/e2e/example-fixture';

export const NETWORK_EDITED_KERNEL = 'firstKernels';

/** Seeded values in [-0.25, 0.25), as nested [O][C][kh][kw] arrays. */
function seededBank(kernels: number, channels: number, seed: number): number[][][][] {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return Math.round((state / 2 ** 32 - 0.5) * 500) / 1000;
  };
  const grid = () => Array.from({ length: 3 }, () => Array.from({ length: 3 }, next));
  return Array.from({ length: kernels }, () => Array.from({ length: channels }, grid));
}

export function networkNotebook(): ExampleNotebook & { format: string; version: number } {
  return {
    format: 'convbook',
    version: 1,
    title: 'Edit-to-paint bench: 512×512 RGB through two conv layers',
    cells: [
      { id: 'photo', kind: 'image', params: { sample: { name: 'rgb-shapes', size: 512 } } },
      { id: NETWORK_EDITED_KERNEL, kind: 'kernel', params: { values: seededBank(16, 3, 1) } },
      {
        id: 'conv1',
        kind: 'conv',
        inputs: { input: 'photo', kernel: NETWORK_EDITED_KERNEL },
        params: { padding: 'same', activation: 'relu' },
      },
      { id: 'pool1', kind: 'pool', inputs: { input: 'conv1' }, params: { kind: 'max', size: 2 } },
      { id: 'secondKernels', kind: 'kernel', params: { random: { shape: [32, 16, 3, 3], seed: 2 } } },
      {
        id: 'conv2',
        kind: 'conv',
        inputs: { input: 'pool1', kernel: 'secondKernels' },
        params: { padding: 'same', activation: 'relu' },
      },
      { id: 'pool2', kind: 'pool', inputs: { input: 'conv2' }, params: { kind: 'max', size: 2 } },
    ],
  };
}
