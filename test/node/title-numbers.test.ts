import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ExampleValues, examplesDir, runExample } from './example-values';

// Issue 12, in the cells' own words: every number in a cell's title is a fact about that cell or the cells
// it reads — a shape ("24×24", "32×32×3"), a kernel size, a parameter (stride, steps, shift, bias), a count
// it computes (weights, connections). Facts are gathered from `convbook run --values` output and the
// document; a title number that is none of them fails, so a title cannot drift from what the cell shows.

interface CellDoc {
  readonly id: string;
  readonly kind: string;
  readonly title?: string;
  readonly inputs?: Readonly<Record<string, string>>;
  readonly params?: Readonly<Record<string, unknown>>;
}

const examples = [
  'lecture',
  'learn-a-kernel',
  'lenet5',
  'padding-stride-dilation',
  'pooling-invariance',
  'rgb-3d-kernels',
  'signal-peaks',
  'sobel-edges',
];

/** Every number in params (kernel and pixel `values` left out: they are data, not settings). */
function paramNumbers(params: unknown, into: Set<string>): void {
  if (typeof params === 'number') into.add(String(Math.abs(params)));
  else if (Array.isArray(params)) for (const p of params) paramNumbers(p, into);
  else if (typeof params === 'object' && params !== null) {
    for (const [key, value] of Object.entries(params)) if (key !== 'values') paramNumbers(value, into);
  }
}

/** Facts one computed value offers a title: its shapes in the ways titles write them, and its counts. */
function valueFacts(value: Record<string, unknown>, into: Set<string>): void {
  const shape = (value.shape ?? (value.weights as { shape?: number[] } | undefined)?.shape) as
    | number[]
    | undefined;
  if (value.type === 'tensor' && shape) {
    const [c = 1, h = 1, w = 1] = shape;
    for (const fact of [`${h}×${w}`, `${h}×${w}×${c}`, `${c}×${h}×${w}`]) into.add(fact);
    into.add(String(shape.reduce((a, b) => a * b, 1))); // "256 values"
  }
  if (value.type === 'kernel' && shape) {
    const [o = 1, c = 1, kh = 1, kw = 1] = shape;
    for (const fact of [`${kh}×${kw}`, `${kh}×${kw}×${c}`, `[${o}][${c}][${kh}][${kw}]`, String(kw)])
      into.add(fact);
    into.add(c > 1 ? '3-D' : '2-D');
    for (const b of (value.bias as number[]) ?? []) into.add(String(Math.abs(b)));
  }
  if (value.type === 'stats') {
    const totals = value.totals as { weights: number; connections: number };
    into.add(String(totals.weights));
    into.add(String(totals.connections));
  }
  if (value.type === 'grad' && value.training) into.add(String((value.training as { steps: number }).steps));
}

/** Number-like tokens of a title: shapes, bracketed shapes, "3-D", then plain numbers. */
function titleTokens(title: string): string[] {
  const tokens: string[] = [];
  // "σ = 3" names how a gaussian's weights were made; the formula test below checks it.
  const rest = title
    .replace(/σ = \d+/, '')
    // LeNet-5 and its layers' names (C1 … F6) are names, not counts; lenet5-note-claims.ts checks them.
    .replace(/LeNet-5|\b[CSF]\d\b/g, '')
    .replace(/(\[\d+\])+|\d+(?:×\d+)+|\d-D|\d+(?:\.\d+)?/g, (token) => {
      tokens.push(token);
      return ' ';
    });
  expect(rest).not.toMatch(/\d/);
  return tokens;
}

describe.each(examples)('the numbers in %s’s cell titles', (name) => {
  let values: ExampleValues;
  let cells: CellDoc[];
  beforeAll(async () => {
    values = await runExample(name);
    cells = (JSON.parse(await readFile(join(examplesDir, `${name}.json`), 'utf8')) as { cells: CellDoc[] })
      .cells;
  }, 60_000);

  it('are facts about the cell or the cells it reads', async () => {
    for (const cell of cells.filter((c) => c.title !== undefined && /\d/.test(c.title))) {
      const facts = new Set<string>();
      const sources = [cell, ...Object.values(cell.inputs ?? {}).map((id) => cells.find((c) => c.id === id))];
      for (const source of sources) {
        if (source === undefined) continue;
        paramNumbers(source.params, facts);
        valueFacts(await values.json(source.id), facts);
        // A stats or comparison title may name what its input's own inputs are (the stride-2 layer's kernel).
        for (const id of Object.values(source.inputs ?? {})) valueFacts(await values.json(id), facts);
      }
      if (cell.params?.flip === true) facts.add('180');
      if (cell.kind === 'conv' && cell.params?.stride === undefined) facts.add('1'); // the default stride
      if (cell.kind === 'pool' && typeof cell.params?.size === 'number')
        facts.add(`${cell.params.size}×${cell.params.size}`);
      const title = cell.title ?? '';
      for (const token of titleTokens(title)) {
        expect(
          facts.has(token),
          `${name}: "${title}" says ${token}; the cell offers ${[...facts].join(', ')}`,
        ).toBe(true);
      }
    }
  });
});

describe('titles that name a formula', () => {
  it('"Gaussian, 13 taps, σ = 3": the weights are exp(−x²/2σ²) normalised, x = −6…6, σ = 3', async () => {
    for (const [name, id] of [
      ['lecture', 'gauss'],
      ['signal-peaks', 'gauss13'],
    ] as const) {
      const kernel = (await (await runExample(name)).json(id)) as { weights: { data: number[] } };
      const raw = Array.from({ length: 13 }, (_, i) => Math.exp(-((i - 6) ** 2) / (2 * 3 ** 2)));
      const total = raw.reduce((a, b) => a + b, 0);
      kernel.weights.data.forEach((w, i) => {
        expect(Math.abs(w - (raw[i] ?? 0) / total)).toBeLessThan(1e-4);
      });
    }
  }, 60_000);
});
