import fc from 'fast-check';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { CellSpec } from '../document/notebook-document';
import { parseNotebook } from '../document/parse-notebook';
import { serializeNotebook } from '../document/serialize-notebook';
import type { CellState } from '../runtime/cell-state';
import { Notebook } from '../runtime/notebook';
import { fuzzRuns, fuzzTimeout, nastyString, nastyValue } from '../testing/arbitraries';
import { schemaValue } from '../testing/schema-values';
import { settle } from '../testing/settle-notebook';
import { cellKinds, findCellKind } from './registry';

/**
 * Every cell kind's parameters edited at run time with values in, at the edge of, and far outside their
 * schema. `setParams` never throws; the edited cell ends ok or with a readable error; cells that do not read
 * it keep the very state they had; and undoing the edit brings every cell back to how it was.
 */

vi.setConfig({ testTimeout: fuzzTimeout() });

/**
 * One cell of every kind: image → conv → pool → loss → grad, stats of the pool, peaks of a signal, a note,
 * a shift of the conv and its comparison with the conv.
 */
const base = parseNotebook({
  format: 'convbook',
  version: 1,
  title: 'every kind',
  cells: [
    { id: 'note', kind: 'note', params: { markdown: '# every kind' } },
    { id: 'image', kind: 'image', params: { sample: { name: 'checkerboard', size: 8 } } },
    { id: 'kernel', kind: 'kernel', params: { preset: 'sobel-x' } },
    { id: 'conv', kind: 'conv', inputs: { input: 'image', kernel: 'kernel' }, params: { padding: 'same' } },
    { id: 'pool', kind: 'pool', inputs: { input: 'conv' }, params: { size: 2 } },
    {
      id: 'target',
      kind: 'image',
      params: {
        values: [
          [0, 1, 0, 1],
          [1, 0, 1, 0],
          [0, 1, 0, 1],
          [1, 0, 1, 0],
        ],
      },
    },
    { id: 'loss', kind: 'loss', inputs: { prediction: 'pool', target: 'target' } },
    { id: 'grad', kind: 'grad', inputs: { loss: 'loss' } },
    { id: 'stats', kind: 'stats', inputs: { of: 'pool' } },
    { id: 'signal', kind: 'image', params: { sample: { name: 'signal-peaks', size: 64 } } },
    { id: 'peaks', kind: 'peaks', inputs: { signal: 'signal' } },
    { id: 'shift', kind: 'shift', inputs: { input: 'conv' }, params: { dx: 1 } },
    { id: 'compare', kind: 'compare', inputs: { a: 'shift', b: 'conv' } },
    // A whole network kept tiny (20 training digits, one epoch) so every fuzzed edit settles quickly.
    { id: 'digits', kind: 'digits', params: { trainSize: 20, testSize: 10 } },
    { id: 'draw', kind: 'drawn-digit', params: {} },
    { id: 'w1', kind: 'weights', params: { shape: [2, 1, 3, 3] } },
    {
      id: 'c1',
      kind: 'conv',
      inputs: { input: 'draw', kernel: 'w1' },
      params: { padding: 1, activation: 'relu' },
    },
    { id: 'p1', kind: 'pool', inputs: { input: 'c1' }, params: { kind: 'max', size: 4 } },
    { id: 'flat', kind: 'flatten', inputs: { input: 'p1' } },
    { id: 'w2', kind: 'weights', params: { shape: [10, 98], init: 'glorot' } },
    { id: 'scores', kind: 'dense', inputs: { input: 'flat', weights: 'w2' }, params: { units: 10 } },
    { id: 'probabilities', kind: 'softmax', inputs: { input: 'scores' } },
    {
      id: 'ce',
      kind: 'loss',
      inputs: { prediction: 'scores' },
      params: { loss: 'cross-entropy', targetClass: 3 },
    },
    {
      id: 'train',
      kind: 'train',
      inputs: { dataset: 'digits', loss: 'ce' },
      params: { epochs: 1, batchSize: 10 },
    },
  ],
});

const SETTLE_BUDGET_MS = 10_000;
const editable = base.cells.filter((cell) => findCellKind(cell.kind) !== undefined);

/** A patch for one cell: some of its kind's parameters with schema-aware values, sometimes a stray key. */
function patchFor(cell: CellSpec): fc.Arbitrary<Record<string, unknown>> {
  const kind = findCellKind(cell.kind);
  const fields = Object.entries(kind?.paramFields ?? {}).map(
    ([key, schema]) => [key, schemaValue(schema)] as const,
  );
  const known = fc.record(Object.fromEntries(fields), { requiredKeys: [] });
  const stray = fc.dictionary(nastyString, nastyValue, { maxKeys: 1 });
  return fc.tuple(known, stray).map(([a, b]) => ({ ...b, ...a }));
}

const edit = fc
  .constantFrom(...editable)
  .chain((cell) => fc.record({ cell: fc.constant(cell), patch: patchFor(cell) }));

describe('setParams on every cell kind under fuzzing', () => {
  let baseline: ReadonlyMap<string, CellState>;

  beforeAll(async () => {
    const notebook = Notebook.fromDocument(base);
    baseline = await settle(notebook, SETTLE_BUDGET_MS);
    notebook.dispose();
  });

  it('covers every registered kind', () => {
    expect(new Set(base.cells.map((c) => c.kind))).toEqual(new Set(cellKinds.map((k) => k.kind)));
  });

  it('keeps unrelated cells untouched and recovers when the edit is undone', async () => {
    await fc.assert(
      fc.asyncProperty(edit, async ({ cell, patch }) => {
        const notebook = Notebook.fromDocument(base);
        try {
          const before = await settle(notebook, SETTLE_BUDGET_MS);
          notebook.setParams(cell.id, patch);
          const after = await settle(notebook, SETTLE_BUDGET_MS);
          const downstream = downstreamOf(cell.id);
          for (const other of base.cells) {
            if (!downstream.has(other.id)) expect(after.get(other.id), other.id).toBe(before.get(other.id));
          }
          notebook.setParams(cell.id, undo(cell, patch));
          const restored = await settle(notebook, SETTLE_BUDGET_MS);
          for (const other of base.cells) {
            expect(restored.get(other.id)?.status, other.id).toBe(baseline.get(other.id)?.status);
          }
        } finally {
          notebook.dispose();
        }
      }),
      { numRuns: fuzzRuns(250, 0.01) },
    );
  });
});

/** The patch that puts back the cell's original parameters: old values, and undefined for added keys. */
function undo(cell: CellSpec, patch: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const original = cell.params ?? {};
  return Object.fromEntries(
    Object.keys(patch).map((key) => [key, Object.hasOwn(original, key) ? original[key] : undefined]),
  );
}

/** `id` and every cell that reads it, directly or not. */
function downstreamOf(id: string): Set<string> {
  const seen = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const cell of base.cells) {
      if (seen.has(cell.id)) continue;
      if (Object.values(cell.inputs ?? {}).some((source) => seen.has(source))) {
        seen.add(cell.id);
        grew = true;
      }
    }
  }
  return seen;
}

describe('setParams with a prototype-polluting key', () => {
  it('computes only what the saved document says (an own "__proto__" key must not smuggle in a stride)', async () => {
    const notebook = Notebook.fromDocument(base);
    try {
      await settle(notebook, SETTLE_BUDGET_MS);
      // JSON.parse makes "__proto__" an own key, as a patch decoded from a message or a file would have.
      notebook.setParams('conv', JSON.parse('{"__proto__": {"stride": 2}, "padding": "valid"}'));
      const live = (await settle(notebook, SETTLE_BUDGET_MS)).get('conv');
      const reopened = Notebook.fromDocument(parseNotebook(serializeNotebook(notebook.document)));
      const saved = (await settle(reopened, SETTLE_BUDGET_MS)).get('conv');
      reopened.dispose();
      expect(Object.getPrototypeOf(notebook.document.cells[3]?.params)).toBe(Object.prototype);
      expect(shapeOf(live)).toEqual(shapeOf(saved));
    } finally {
      notebook.dispose();
    }
  });
});

function shapeOf(state: CellState | undefined): readonly number[] | string | undefined {
  if (state?.status === 'error') return state.error.message;
  return state?.status === 'ok' && state.value.type === 'tensor' ? state.value.tensor.shape : undefined;
}
