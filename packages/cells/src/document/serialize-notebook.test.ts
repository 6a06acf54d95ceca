import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CellSpec, NotebookDocument } from './notebook-document';
import { parseNotebook } from './parse-notebook';
import { serializeNotebook } from './serialize-notebook';

const runs = Number(process.env.FUZZ_RUNS ?? 200);

const id = fc.stringMatching(/^[a-z][a-z0-9_-]{0,7}$/);
const number = fc
  .double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true })
  .map((v) => (Object.is(v, -0) ? 0 : v));
const grid = fc
  .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 }))
  .chain(([h, w]) =>
    fc.array(fc.array(number, { minLength: w, maxLength: w }), { minLength: h, maxLength: h }),
  );

/** Random valid notebooks: images and kernels first, then convs and pools wired to earlier cells, notes. */
const notebookArbitrary: fc.Arbitrary<NotebookDocument> = fc
  .record({
    title: fc.string({ maxLength: 40 }),
    sources: fc.uniqueArray(fc.tuple(id, grid, fc.boolean()), {
      minLength: 1,
      maxLength: 5,
      selector: (s) => s[0],
    }),
    notes: fc.array(fc.string({ maxLength: 60 }), { maxLength: 2 }),
    stride: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    padding: fc.constantFrom('valid', 'same', 'full', 1, [1, 2]),
    flip: fc.boolean(),
  })
  .map(({ title, sources, notes, stride, padding, flip }) => {
    const cells: CellSpec[] = sources.map(([cellId, values, isKernel]) =>
      isKernel
        ? { id: cellId, kind: 'kernel', params: { values } }
        : { id: cellId, kind: 'image', title: cellId, params: { values } },
    );
    const image = cells.find((c) => c.kind === 'image');
    const kernel = cells.find((c) => c.kind === 'kernel');
    if (image !== undefined && kernel !== undefined) {
      const params = stride === undefined ? { padding, flip } : { padding, flip, stride };
      cells.push({ id: 'conv_', kind: 'conv', inputs: { input: image.id, kernel: kernel.id }, params });
      cells.push({ id: 'pool_', kind: 'pool', inputs: { input: 'conv_' }, params: { size: [2, 1] } });
    }
    for (const [i, markdown] of notes.entries())
      cells.push({ id: `note_${i}`, kind: 'note', params: { markdown } });
    return { format: 'convbook', version: 1, title, cells };
  });

describe('serializeNotebook', () => {
  it('round-trips: parse(serialize(d)) deep-equals d', () => {
    fc.assert(
      fc.property(notebookArbitrary, (document) => {
        expect(parseNotebook(serializeNotebook(document))).toEqual(document);
      }),
      { numRuns: runs },
    );
  });

  it('is stable: serializing twice gives the same text', () => {
    fc.assert(
      fc.property(notebookArbitrary, (document) => {
        const text = serializeNotebook(document);
        expect(serializeNotebook(parseNotebook(text))).toBe(text);
      }),
      { numRuns: runs },
    );
  });

  it('writes a fixed key order and keeps rows of numbers on one line', () => {
    const text = serializeNotebook({
      format: 'convbook',
      version: 1,
      title: 'Blur',
      cells: [
        {
          params: {
            values: [
              [1, 2],
              [3, 4],
            ],
          },
          kind: 'kernel',
          id: 'k',
        } as CellSpec,
      ],
    });
    expect(text).toBe(
      [
        '{',
        '  "format": "convbook",',
        '  "version": 1,',
        '  "title": "Blur",',
        '  "cells": [',
        '    {',
        '      "id": "k",',
        '      "kind": "kernel",',
        '      "params": {',
        '        "values": [',
        '          [1, 2],',
        '          [3, 4]',
        '        ]',
        '      }',
        '    }',
        '  ]',
        '}',
        '',
      ].join('\n'),
    );
  });
});

describe('serializeNotebook with a cell cache', () => {
  it('writes exactly the uncached text, and reuses the text of unchanged cells', () => {
    const cache = new WeakMap();
    const doc = parseNotebook(
      {
        format: 'convbook',
        version: 1,
        title: 'Cache "quoted"',
        cells: [
          { id: 'img', kind: 'image', params: { sample: 'checker' } },
          {
            id: 'k',
            kind: 'kernel',
            title: 'K',
            params: {
              values: [
                [1, -0],
                [2, 3],
              ],
            },
          },
        ],
      },
      { lenientParams: true },
    );
    expect(serializeNotebook(doc, cache)).toBe(serializeNotebook(doc));
    const edited = { ...doc, cells: [doc.cells[0], { ...doc.cells[1], params: { values: [[9]] } }] };
    expect(serializeNotebook(edited as typeof doc, cache)).toBe(serializeNotebook(edited as typeof doc));
    expect(cache.has(doc.cells[0] as object)).toBe(true);
    const empty = { ...doc, cells: [] };
    expect(serializeNotebook(empty, cache)).toBe(serializeNotebook(empty));
  });
});
