import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';

/**
 * Test-only generators of hostile input for the fuzz tests (`*.fuzz.test.ts`): numbers that break math,
 * strings that break renderers, shapes that break allocators, and mutations of the real example notebooks.
 */

/**
 * Runs for one property. `FUZZ_RUNS` (set by `pnpm fuzz`) replaces the default; `share` scales it down for
 * properties whose single case costs far more than a parse (running a notebook, decompressing a stream).
 */
export function fuzzRuns(defaultRuns: number, share = 1): number {
  const requested = process.env.FUZZ_RUNS;
  if (requested === undefined || requested === '') return defaultRuns;
  return Math.max(1, Math.round(Number(requested) * share));
}

/**
 * Vitest's per-test limit: the default 30 s for the everyday suite, ten minutes when `FUZZ_RUNS` asks for a
 * long run (the runs themselves bound the work; the timeout only catches a hang).
 */
export function fuzzTimeout(): number {
  return process.env.FUZZ_RUNS ? 600_000 : 30_000;
}

export const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    -0,
    1e38,
    -1e38,
    1e39,
    3.4028235e38,
    Number.MAX_VALUE,
    Number.MIN_VALUE,
    2 ** 53,
    2 ** 32,
    -1,
    0,
    0.5,
    1e-45,
    20_000,
    100_000,
  ),
  fc.double(),
  fc.integer({ min: -5, max: 300 }),
);

/** Markup and script that must only ever be shown as text. */
export const XSS_PAYLOADS = [
  '<script>globalThis.__xss = 1</script>',
  '<img src=x onerror="globalThis.__xss = 1">',
  '"><svg onload=alert(1)>',
  'javascript:alert(1)',
  '[click](javascript:alert(1))',
  '<iframe src="https://example.com"></iframe>',
  '{{constructor.constructor("alert(1)")()}}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection payload, meant literally
  '${alert(1)}',
] as const;

export const nastyString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    ...XSS_PAYLOADS,
    '',
    ' ',
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    '../../etc/passwd',
    'con.png',
    '\u202Egnp.exe',
    '\u0000',
    '\uD800',
    'Ω≈ç√∫˜µ≤≥÷ 日本語 🧠🔥',
    'a'.repeat(201),
    'x'.repeat(100_001),
    'NaN',
    'Infinity',
    'he',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

/** Nested arrays this many levels deep, the innermost holding one 0. */
export function deeplyNested(depth: number): unknown {
  let value: unknown = 0;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/** An object whose own keys are the ones that pollute prototypes when copied carelessly. */
export function pollutingObject(): unknown {
  return JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}');
}

/** Values of the wrong type, the wrong size or the wrong shape for any parameter. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: nastyNumber },
  { weight: 2, arbitrary: nastyString },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(true, false, null, undefined, {}, []) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.array(nastyNumber, { maxLength: 6 }) },
  { weight: 1, arbitrary: fc.array(fc.array(nastyNumber, { maxLength: 4 }), { maxLength: 4 }) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(
        labelled('5000 zeros', () => new Array(5000).fill(0)),
        // Fresh rows, not one shared row: a document read from text never aliases, and an edit to one
        // aliased row would silently become an edit to all 20 000.
        labelled('20000 rows of [0]', () => Array.from({ length: 20_000 }, () => [0])),
        labelled('one row of 20000 zeros', () => [new Array(20_000).fill(0)]),
        labelled('[[[1000 zeros]]]', () => [[[new Array(1000).fill(0)]]]),
        labelled('ragged [[1, 2], [3, 4, 5]]', () => [
          [1, 2],
          [3, 4, 5],
        ]),
        labelled('ragged [[1, 2], 3]', () => [[1, 2], 3]),
        labelled('arrays nested 1000 deep', () => deeplyNested(1000)),
        labelled('[1000, 1, 3, 3]', () => [1000, 1, 3, 3]),
        labelled('[256, 64, 64, 64]', () => [256, 64, 64, 64]),
        labelled('own __proto__ and constructor keys', pollutingObject),
      )
      .map((make) => make()),
  },
);

/**
 * A maker of a big or deep value that fast-check reports by its label: printing 2000 levels of nesting in
 * a counterexample would overflow the stack and hide the real failure. The label is a non-enumerable symbol
 * property, which JSON, structuredClone and the loader never see.
 */
function labelled(label: string, make: () => unknown): () => unknown {
  return () => {
    const value = make();
    if (typeof value === 'object' && value !== null) {
      Object.defineProperty(value, fc.toStringMethod, { value: () => `<${label}>`, enumerable: false });
    }
    return value;
  };
}

/** The example notebooks shipped in /examples, as parsed JSON values. */
export function exampleNotebooks(): { readonly name: string; readonly value: Record<string, unknown> }[] {
  const directory = fileURLToPath(new URL('../../../../examples/', import.meta.url));
  return readdirSync(directory)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => ({
      name,
      value: lightenTraining(JSON.parse(readFileSync(`${directory}${name}`, 'utf8'))),
    }));
}

/**
 * The examples as fuzz fixtures, without their train cells and with small digit sets. A train cell runs
 * only when asked (runsOn 'demand'), and a mutation that deletes its `epochs` or the dataset's `trainSize`
 * would otherwise turn one fuzz case into a full training run; what these tests check (every cell settles,
 * errors are readable) is about the cells that compute on load. The train cell has its own tests
 * (kinds/train/train-cell.test.ts), and cell-params.fuzz.test.ts fuzzes its parameters on a tiny network.
 */
function lightenTraining(notebook: Record<string, unknown>): Record<string, unknown> {
  const cells = notebook.cells;
  if (!Array.isArray(cells)) return notebook;
  return {
    ...notebook,
    cells: cells
      .filter((cell: Record<string, unknown>) => cell?.kind !== 'train')
      .map((cell: Record<string, unknown>) =>
        cell?.kind === 'digits'
          ? { ...cell, params: { ...(cell.params as object), trainSize: 40, testSize: 20 } }
          : cell,
      ),
  };
}
