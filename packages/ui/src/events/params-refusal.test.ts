import { parseNotebook } from '@convbook/cells';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paramsRefusal } from './params-refusal';

describe('paramsRefusal', () => {
  it('refuses a weight of 1e39 and a pool of size 0, saying why', () => {
    expect(paramsRefusal('kernel', { values: [[1, 2]] }, { values: [[1, 1e39]] })).toBe(
      'Not applied: values[0][1]: must be within ±3.4e38 (float32), got 1e+39.',
    );
    expect(paramsRefusal('pool', { kind: 'max', size: 2 }, { size: 0 })).toBe(
      'Not applied: size: must be an integer >= 1, got 0.',
    );
    expect(paramsRefusal('pool', { kind: 'max', size: 2 }, { size: 3 })).toBeUndefined();
    expect(paramsRefusal('note', {}, { markdown: 'x'.repeat(100_001) })).toMatch(/^Not applied: markdown: /);
  });

  // The property: an edit the editors send gives a document the loader (files, links, the runner) takes,
  // and an edit they refuse gives one it refuses. Weights are typed as any number a field can hold.
  it('agrees with the loader on every typed kernel weight, bias and pool size', () => {
    const typed = fc.oneof(
      fc.double(),
      fc.constantFrom(1e38, 3.4e38, 3.5e38, 1e39, -1e39, 2 ** 53, -0, Number.NaN, Number.POSITIVE_INFINITY),
      fc.integer({ min: -5, max: 100 }),
    );
    const document = (cell: unknown) => ({ format: 'convbook', version: 1, title: 't', cells: [cell] });
    const loads = (cell: unknown): boolean => {
      try {
        parseNotebook(JSON.parse(JSON.stringify(document(cell))));
        return true;
      } catch {
        return false;
      }
    };
    fc.assert(
      fc.property(typed, typed, typed, (weight, bias, size) => {
        const kernel = { values: [[0, weight]], bias: [bias] };
        const sent = paramsRefusal('kernel', { values: [[0, 0]] }, kernel) === undefined;
        // JSON has no NaN or Infinity: such a value could never reach a file, so it must never be sent.
        expect(sent).toBe(
          loads({ id: 'k', kind: 'kernel', params: kernel }) &&
            Number.isFinite(weight) &&
            Number.isFinite(bias),
        );
        const pool = { kind: 'max', size };
        expect(paramsRefusal('pool', {}, pool) === undefined).toBe(
          loads({ id: 'p', kind: 'pool', params: pool }),
        );
      }),
      { numRuns: 2000 },
    );
  });
});
