import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { cellKindNames } from '../kinds/schema-registry';
import { exampleNotebooks, fuzzRuns, fuzzTimeout, nastyString, nastyValue } from '../testing/arbitraries';
import { loadOrRefuse } from '../testing/load-outcome';
import { applyMutations, mutation } from '../testing/notebook-mutations';
import { serializeNotebook } from './serialize-notebook';

/**
 * The loader against hostile input. Every case must end in a DocumentError whose problems each carry a
 * path and a readable message, or in a document that survives a save and reload unchanged — never another
 * exception, and never a prototype changed along the way.
 */

vi.setConfig({ testTimeout: fuzzTimeout() });

const examples = exampleNotebooks();

function expectNoPollution(): void {
  const probe: Record<string, unknown> = {};
  expect(probe.polluted).toBeUndefined();
  expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
}

/** Per case; far above a real parse (under 2 ms for the largest example) so only a hang trips it. */
const CASE_BUDGET_MS = 1000;

/**
 * A loaded document is complete: saving it, loading the file and saving again gives the same text. (Text,
 * not values: JSON has no −0, so a −0 weight comes back as 0, which computes the same.)
 */
function expectRoundTrip(source: unknown): void {
  const started = performance.now();
  const outcome = loadOrRefuse(source);
  expect(performance.now() - started).toBeLessThan(CASE_BUDGET_MS);
  if (outcome.status !== 'loaded') return;
  const saved = serializeNotebook(outcome.document);
  const reloaded = loadOrRefuse(saved);
  expect(reloaded.status).toBe('loaded');
  if (reloaded.status === 'loaded') expect(serializeNotebook(reloaded.document)).toBe(saved);
}

describe('parseNotebook under fuzzing', () => {
  it('refuses arbitrary text with a located JSON error or a DocumentError', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), nastyString), (text) => {
        loadOrRefuse(text);
      }),
      { numRuns: fuzzRuns(2000, 0.25) },
    );
  });

  it('refuses arbitrary JSON values and JSON text, and round-trips whatever it accepts', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.json()), (value) => {
        expectRoundTrip(value);
      }),
      { numRuns: fuzzRuns(2000, 0.25) },
    );
  });

  it('refuses notebook-shaped objects with wrong values in every field', () => {
    const anything = fc.oneof(nastyValue, nastyString);
    const cell = fc.record(
      {
        id: fc.oneof(fc.constantFrom('a', 'b', 'c'), anything),
        kind: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...cellKindNames()) }, anything),
        title: anything,
        inputs: fc.oneof(
          fc.dictionary(fc.constantFrom('input', 'kernel', 'of', 'loss'), fc.constantFrom('a', 'b', 'c')),
          anything,
        ),
        params: fc.oneof(
          fc.dictionary(fc.oneof(fc.string(), nastyString), nastyValue, { maxKeys: 4 }),
          anything,
        ),
      },
      { requiredKeys: ['id', 'kind'] },
    );
    const notebook = fc.record(
      {
        format: fc.oneof({ weight: 4, arbitrary: fc.constant('convbook') }, anything),
        version: fc.oneof({ weight: 4, arbitrary: fc.constant(1) }, anything),
        title: anything,
        cells: fc.oneof({ weight: 4, arbitrary: fc.array(cell, { maxLength: 5 }) }, anything),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(notebook, (value) => {
        expectRoundTrip(value);
        expectNoPollution();
      }),
      { numRuns: fuzzRuns(3000, 0.15) },
    );
  });

  it.each(examples)(
    'refuses or cleanly loads every mutation of $name (as a value and as text)',
    ({ value }) => {
      fc.assert(
        fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
          const mutated = applyMutations(value, mutations);
          expectRoundTrip(mutated);
          expectRoundTrip(JSON.stringify(mutated) ?? 'undefined');
          expectNoPollution();
        }),
        { numRuns: fuzzRuns(600, 0.04) },
      );
    },
  );

  it('names the line and column of a truncated file', () => {
    const text = JSON.stringify(examples[0]?.value, null, 2);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: text.length - 1 }), (cut) => {
        const outcome = loadOrRefuse(text.slice(0, cut));
        expect(outcome.status).toBe('refused');
        if (outcome.status === 'refused') {
          expect(outcome.error.problems).toHaveLength(1);
          expect(outcome.error.message).toMatch(/^not valid JSON( at line \d+, column \d+)?: /);
        }
      }),
      { numRuns: fuzzRuns(500, 0.05) },
    );
  });
});

describe('parseNotebook on prototype-polluting keys', () => {
  it('reports "__proto__" and "constructor" keys as unknown fields and leaves Object.prototype alone', () => {
    const text = `{"format":"convbook","version":1,"title":"t","__proto__":{"polluted":true},
      "cells":[{"id":"n","kind":"note","constructor":{"prototype":{"polluted":true}},
      "params":{"__proto__":{"markdown":"injected"}}}]}`;
    const outcome = loadOrRefuse(text);
    expect(outcome.status).toBe('refused');
    if (outcome.status === 'refused') {
      expect(outcome.error.problems.map((p) => p.path)).toEqual([
        '__proto__',
        'cells[0].constructor',
        'cells[0].params.__proto__',
      ]);
    }
    expectNoPollution();
  });
});

describe('parseNotebook size limits, checked before anything is allocated', () => {
  const notebookWith = (cell: Record<string, unknown>): unknown => ({
    format: 'convbook',
    version: 1,
    title: 'limits',
    cells: [{ id: 'big', ...cell }],
  });
  // One shared row keeps the test's own memory small; the loader must refuse from the shape alone.
  const sharedRows = (rows: number, columns: number): number[][] =>
    new Array(rows).fill(new Array(columns).fill(0));

  /** Loads `source`, which must be refused within a second with a message containing `expected`. */
  function expectQuickRefusal(source: unknown, expected: string): void {
    const started = performance.now();
    const outcome = loadOrRefuse(source);
    const elapsed = performance.now() - started;
    expect(outcome.status).toBe('refused');
    if (outcome.status === 'refused') expect(outcome.error.message).toContain(expected);
    expect(elapsed).toBeLessThan(1000);
  }

  it.each([
    [
      'a 20000×20000 image literal',
      { kind: 'image', params: { values: sharedRows(20_000, 20_000) } },
      'cells[0].params.values: dimension 0 has 20000 entries, the limit is 4096',
    ],
    [
      'a 20000×20000 sample',
      { kind: 'image', params: { sample: { name: 'noise', size: 20_000 } } },
      'cells[0].params.sample.size: must be an integer <= 4096, got 20000',
    ],
    [
      'a resize to 20000×20000',
      {
        kind: 'image',
        params: { sample: { name: 'noise' }, transforms: [{ op: 'resize', height: 20_000, width: 20_000 }] },
      },
      'cells[0].params.transforms[0].height: must be an integer <= 4096, got 20000',
    ],
    [
      'a 1000-kernel random bank',
      { kind: 'kernel', params: { random: { shape: [1000, 1, 3, 3], seed: 1 } } },
      'cells[0].params.random.shape[0]: must be an integer <= 256, got 1000',
    ],
    [
      'a 1000-kernel literal bank',
      { kind: 'kernel', params: { values: new Array(1000).fill([[[0]]]) } },
      'cells[0].params.values: dimension 0 has 1000 entries, the limit is 256',
    ],
    [
      'a 10 MB note',
      { kind: 'note', params: { markdown: 'x'.repeat(10_000_000) } },
      'cells[0].params.markdown: must be at most 100000 characters, got 10000000',
    ],
  ])('refuses %s in under a second, naming the limit', (_name, cell, expected) => {
    expectQuickRefusal(notebookWith(cell), expected);
  });

  it('refuses a random bank within every per-axis limit whose weights add up to 268 MB', () => {
    // 256 × 64 × 64 × 64 = 67 million float32 weights: each axis is allowed, the product must not be.
    const outcome = loadOrRefuse(
      notebookWith({ kind: 'kernel', params: { random: { shape: [256, 64, 64, 64], seed: 1 } } }),
    );
    expect(outcome.status).toBe('refused');
    if (outcome.status === 'refused')
      expect(outcome.error.message).toMatch(/^cells\[0\]\.params\.random\.shape: .*limit/);
  });

  it('refuses 100 000 cells by count, before checking any of them', () => {
    const cells = new Array(100_000).fill({ id: 'same', kind: 'note' });
    expectQuickRefusal(
      { format: 'convbook', version: 1, title: 't', cells },
      'cells: has 100000 cells, the limit is 500',
    );
  });

  it('refuses arrays nested 100 000 deep in a file without overflowing the stack', () => {
    const deep = `${'['.repeat(100_000)}0${']'.repeat(100_000)}`;
    const text = `{"format":"convbook","version":1,"title":"t","cells":[{"id":"k","kind":"kernel","params":{"values":${deep}}}]}`;
    expectQuickRefusal(text, 'cells[0].params.values: must have 2 or 4 levels of nesting, got 100000');
  });

  it('refuses a title over 200 characters and a newer format version', () => {
    expectQuickRefusal(
      { format: 'convbook', version: 1, title: 't'.repeat(201), cells: [] },
      'title: must be at most 200 characters, got 201',
    );
    expectQuickRefusal(
      { format: 'convbook', version: 2, title: 't', cells: [] },
      'version: this notebook was made by a newer Convbook',
    );
  });
});
