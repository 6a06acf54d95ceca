import fc from 'fast-check';
import { describe, it } from 'vitest';
import { exampleNotebooks, fuzzRuns } from '../testing/arbitraries';
import { loadOrRefuse } from '../testing/load-outcome';
import { applyMutations, mutation } from '../testing/notebook-mutations';
import { settle } from '../testing/settle-notebook';
import { Notebook } from './notebook';

/**
 * Whatever the loader accepts must also run: every mutated example that loads is computed to the end, and
 * each cell ends with a value or a readable error — no exception escapes, nothing hangs, nothing stays
 * pending.
 */

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
        { numRuns: fuzzRuns(150, 0.005) },
      );
    },
  );
});
