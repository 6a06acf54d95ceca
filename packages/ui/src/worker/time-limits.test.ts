import { type CellKind, type ComputeContext, findCellKind } from '@convbook/cells';
import { describe, expect, it } from 'vitest';
import { type CellLimits, NO_LIMITS, timeLimitedKinds } from './time-limits';

/** A kind whose computation takes steps until it is aborted (the 5,000 steps of a grad cell, or more). */
function endlessKind(): CellKind {
  const base = findCellKind('note') as CellKind;
  return {
    ...base,
    kind: 'endless',
    compute: async (_inputs, _params, context) => {
      for (;;) {
        await new Promise((tick) => setTimeout(tick, 1));
        context.signal.throwIfAborted();
      }
    },
  };
}

function context(cellId: string, signal = new AbortController().signal): ComputeContext {
  return { cellId, signal, progress: () => {}, graph: { cell: () => undefined, value: () => undefined } };
}

describe('time-limited kinds', () => {
  it('stops an asynchronous computation at its budget, with a sentence naming it', async () => {
    const over: [string, number][] = [];
    const find = timeLimitedKinds(() => endlessKind(), {
      limits: () => NO_LIMITS,
      computing: () => {},
      overBudget: (id, ms) => over.push([id, ms]),
      budgetMs: 40,
    });
    const started = Date.now();
    await expect(find('endless')?.compute({}, {}, context('g'))).rejects.toThrow(
      'took longer than 0 s, its time limit, so it was stopped',
    );
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(over).toEqual([['g', 40]]);
  });

  it('gives a cell the user chose to compute anyway its longer budget; a stale run ends as before', async () => {
    const limits: CellLimits = { held: {}, patient: ['g'] };
    const over: string[] = [];
    const find = timeLimitedKinds(() => endlessKind(), {
      limits: () => limits,
      computing: () => {},
      overBudget: (id) => over.push(id),
      budgetMs: 20,
      patientBudgetMs: 10_000,
    });
    const stale = new AbortController();
    const run = find('endless')?.compute({}, {}, context('g', stale.signal));
    await new Promise((wait) => setTimeout(wait, 80));
    stale.abort();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(over).toEqual([]);
  });

  it('names each cell before computing it, and errors a held cell without computing', () => {
    const named: string[] = [];
    const find = timeLimitedKinds(findCellKind, {
      limits: () => ({ held: { n2: 'took too long' }, patient: [] }),
      computing: (id) => named.push(id),
      overBudget: () => {},
    });
    const note = find('note') as CellKind;
    expect(note.compute({}, { markdown: 'a' }, context('n1'))).toMatchObject({ type: 'note' });
    expect(() => note.compute({}, { markdown: 'a' }, context('n2'))).toThrow('took too long');
    expect(named).toEqual(['n1']);
  });
});
