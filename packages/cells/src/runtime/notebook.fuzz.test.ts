import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { exampleNotebooks, fuzzRuns, fuzzTimeout } from '../testing/arbitraries';
import { loadOrRefuse } from '../testing/load-outcome';
import { applyMutations, mutation } from '../testing/notebook-mutations';
import { settle } from '../testing/settle-notebook';
import { Notebook } from './notebook';

/**
 * Whatever the loader accepts must also run: every mutated example that loads is computed to the end, and
 * each cell ends with a value or a readable error — no exception escapes, nothing hangs, nothing stays
 * pending.
 */

vi.setConfig({ testTimeout: fuzzTimeout() });

const SETTLE_BUDGET_MS = 10_000;

describe('Notebook.fromDocument under fuzzing', () => {
  it.each(exampleNotebooks())(
    'runs every loadable mutation of $name to a settled state',
    async ({ value }) => {
      await fc.assert(
        fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
          const outcome = loadOrRefuse(applyMutations(value, mutations));
          if (outcome.status !== 'loaded') return;
          const notebook = Notebook.fromDocument(outcome.document);
          try {
            await settle(notebook, SETTLE_BUDGET_MS);
          } finally {
            notebook.dispose();
          }
        }),
        { numRuns: fuzzRuns(150, 0.01) },
      );
    },
  );
});

describe('size limits at run time', () => {
  it('errors a conv whose output would exceed the tensor limit quickly, without allocating it', async () => {
    // A 1×4096 signal padded by 64 under 256 kernels: 256 × 129 × 4224 ≈ 139 million values (557 MB).
    const outcome = loadOrRefuse({
      format: 'convbook',
      version: 1,
      title: 'too big',
      cells: [
        { id: 'row', kind: 'image', params: { values: [new Array(4096).fill(0)] } },
        { id: 'bank', kind: 'kernel', params: { random: { shape: [256, 1, 1, 1], seed: 1 } } },
        { id: 'conv', kind: 'conv', inputs: { input: 'row', kernel: 'bank' }, params: { padding: 64 } },
      ],
    });
    if (outcome.status !== 'loaded') throw new Error('the document itself is within every limit');
    const notebook = Notebook.fromDocument(outcome.document);
    try {
      const conv = (await settle(notebook, 1000)).get('conv');
      expect(conv?.status === 'error' ? conv.error.message : conv?.status).toBe(
        'output would be 256×129×4224 = 139493376 values, the limit is 50331648: downscale the input, use a larger stride, or fewer kernels',
      );
    } finally {
      notebook.dispose();
    }
  });
});
