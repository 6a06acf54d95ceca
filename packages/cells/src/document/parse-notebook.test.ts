import { at } from '@convbook/core';
import { describe, expect, it } from 'vitest';
import { DocumentError } from './document-error';
import { parseNotebook } from './parse-notebook';
import type { ValidationOptions } from './validate-notebook';

const notebook = (cells: unknown[], extra: Record<string, unknown> = {}) => ({
  format: 'convbook',
  version: 1,
  title: 'Edges',
  cells,
  ...extra,
});

/** The problem lines of the DocumentError that parsing `source` throws. */
function problems(source: unknown, options: ValidationOptions = {}): string[] {
  try {
    parseNotebook(source, options);
  } catch (error) {
    if (error instanceof DocumentError) return error.message.split('\n');
    throw error;
  }
  throw new Error('expected a DocumentError');
}

const image = {
  id: 'm',
  kind: 'image',
  params: {
    values: [
      [1, 2, 0],
      [4, 1, 5],
    ],
  },
};
const kernel = {
  id: 'k',
  kind: 'kernel',
  params: {
    values: [
      [1, -1],
      [2, 0],
    ],
    bias: [0.5],
  },
};

describe('parseNotebook accepts', () => {
  it('the documented examples as written', () => {
    const document = parseNotebook(
      notebook([
        image,
        kernel,
        {
          id: 'c',
          kind: 'conv',
          inputs: { input: 'm', kernel: 'k' },
          params: {
            stride: 2,
            padding: 'same',
            dilation: 1,
            paddingMode: 'zeros',
            flip: true,
            activation: 'relu',
          },
        },
        { id: 'p', kind: 'pool', inputs: { input: 'c' }, params: { kind: 'max', size: 2 } },
        { id: 'n', kind: 'note', params: { markdown: '# Edges' } },
        { id: 'g', kind: 'kernel', params: { gaussian: { size: 5, sigma: 1 } } },
        { id: 'r', kind: 'kernel', params: { random: { shape: [4, 3, 3, 3], seed: 7, scale: 'glorot' } } },
        { id: 's', kind: 'kernel', params: { preset: 'sobel-x' } },
      ]),
    );
    expect(document.cells.map((c) => c.id)).toEqual(['m', 'k', 'c', 'p', 'n', 'g', 'r', 's']);
    expect(document.cells[0]).toEqual(image);
  });

  it('JSON text, and returns a copy that shares nothing with the input', () => {
    const source = notebook([structuredClone(image)]);
    const document = parseNotebook(source);
    at((source.cells[0] as typeof image).params.values, 0)[0] = 99;
    expect(at(document.cells, 0).params?.values).toEqual([
      [1, 2, 0],
      [4, 1, 5],
    ]);
    expect(parseNotebook(JSON.stringify(notebook([image])))).toEqual(document);
  });

  it('unwired or dangling inputs, as the app exports a conv it could not wire (strict only when asked)', () => {
    const cells = [kernel, { id: 'c', kind: 'conv', inputs: { input: 'gone' } }];
    expect(parseNotebook(notebook(cells)).cells).toHaveLength(2);
    expect(parseNotebook(JSON.stringify(notebook([{ id: 'c', kind: 'conv' }]))).cells).toHaveLength(1);
    expect(problems(notebook(cells), { strictWiring: true })).toEqual([
      'cells[1].inputs.input: refers to missing cell "gone"',
      'cells[1].inputs.kernel: is required: a kernel cell',
    ]);
  });

  it('out-of-range params when asked to be lenient (a live notebook saved while a cell shows an error)', () => {
    const cells = [{ id: 'p', kind: 'pool', params: { kind: 'max', size: 0 } }];
    expect(problems(notebook(cells))).toContain('cells[0].params.size: must be an integer >= 1, got 0');
    const reopened = parseNotebook(notebook(cells), { lenientParams: true });
    expect(reopened.cells[0]?.params).toEqual({ kind: 'max', size: 0 });
  });

  it('a notebook with a cycle (the runtime reports it)', () => {
    const cells = [kernel, { id: 'a', kind: 'conv', inputs: { input: 'a', kernel: 'k' } }];
    expect(parseNotebook(notebook(cells)).cells).toHaveLength(2);
  });
});

describe('parseNotebook refuses', () => {
  it('text that is not JSON, naming the position', () => {
    expect(problems('{\n  "format": "convbook",\n  oops\n}')).toEqual([
      expect.stringMatching(/^not valid JSON at line 3, column 3: /),
    ]);
  });

  it('values that are not a notebook object', () => {
    expect(problems([])).toEqual(['a notebook must be a JSON object, got an array of 0']);
    expect(problems(notebook([], { format: 'jupyter' }))).toEqual([
      'format: must be "convbook", got "jupyter"',
    ]);
  });

  it('a missing, malformed or future version', () => {
    expect(problems({ format: 'convbook', title: '', cells: [] })).toEqual([
      'version: is required (current is 1)',
    ]);
    expect(problems(notebook([], { version: '1' }))).toEqual([
      'version: must be a whole number >= 1, got "1"',
    ]);
    expect(problems(notebook([], { version: 2 }))).toEqual([
      'version: this notebook was made by a newer Convbook (format version 2; this one reads up to 1)',
    ]);
  });

  it('cells that are not an array, and unknown top-level fields', () => {
    expect(problems(notebook({} as unknown as unknown[], { extra: 1 }))).toEqual([
      'extra: unknown field',
      'cells: must be an array of cells, got an object',
    ]);
  });

  it('missing, empty, non-string, unsafe and duplicate ids', () => {
    expect(
      problems(
        notebook([
          { kind: 'note' },
          { id: '', kind: 'note' },
          { id: 3, kind: 'note' },
          { id: '../x', kind: 'note' },
          { id: 'a', kind: 'note' },
          { id: 'a', kind: 'note' },
        ]),
      ),
    ).toEqual([
      'cells[0].id: is required: a short name such as "conv1"',
      'cells[1].id: must not be empty',
      'cells[2].id: must be a string, got 3',
      'cells[3].id: must use only letters, digits, "_", "-" and "." (not first), got "../x"',
      'cells[5].id: duplicate id "a"',
    ]);
  });

  it('an unknown kind, listing the known ones', () => {
    expect(problems(notebook([{ id: 'x', kind: 'lstm' }]))).toEqual([
      expect.stringMatching(
        /^cells\[0\]\.kind: unknown kind "lstm" \(known: image, kernel, conv, pool, .*note/,
      ),
    ]);
  });

  it('inputs naming missing cells, unknown slots and missing slots', () => {
    const cells = [image, { id: 'c', kind: 'conv', inputs: { input: 'nope', weights: 'm' } }];
    expect(problems(notebook(cells))).toEqual([
      'cells[1].inputs.weights: unknown input slot (slots of conv: input, kernel)',
    ]);
    expect(problems(notebook(cells), { strictWiring: true })).toEqual([
      'cells[1].inputs.input: refers to missing cell "nope"',
      'cells[1].inputs.weights: unknown input slot (slots of conv: input, kernel)',
      'cells[1].inputs.kernel: is required: a kernel cell',
    ]);
  });

  it('unknown params, wrong types and values out of range, all at once', () => {
    expect(
      problems(
        notebook([
          image,
          kernel,
          { id: 'p', kind: 'pool', inputs: { input: 'm' }, params: { size: 2, strid: 1 } },
          { id: 'c', kind: 'conv', inputs: { input: 'm', kernel: 'k' }, params: { stride: 0, flip: 'yes' } },
        ]),
      ),
    ).toEqual([
      'cells[2].params.strid: unknown parameter (known: kind, size, stride, padding)',
      'cells[3].params.stride: must be an integer >= 1, got 0',
      'cells[3].params.flip: must be true or false, got "yes"',
    ]);
  });

  it('numbers that are not finite or overflow float32, and ragged literals', () => {
    const bad = { id: 'm', kind: 'image', params: { values: [[1, Number.NaN], [1e39, 2], [3]] } };
    expect(problems(notebook([bad]))).toEqual([
      'cells[0].params.values[0][1]: must be a finite number, got NaN',
      'cells[0].params.values[1][0]: must be within ±3.4e38 (float32), got 1e+39',
      'cells[0].params.values[2]: ragged: expected 2 entries like the first row, got 1 entries',
    ]);
    expect(
      problems(
        '{"format":"convbook","version":1,"title":"","cells":[{"id":"m","kind":"image","params":{"values":[[1e39]]}}]}',
      ),
    ).toEqual(['cells[0].params.values[0][0]: must be within ±3.4e38 (float32), got 1e+39']);
  });

  it('sizes beyond the limits, before allocating anything', () => {
    const wide = new Array(5000);
    wide[0] = 1;
    expect(problems(notebook([{ id: 'm', kind: 'image', params: { values: [wide] } }]))).toEqual([
      'cells[0].params.values: dimension 1 has 5000 entries, the limit is 4096',
    ]);
    expect(
      problems(
        notebook([{ id: 'k', kind: 'kernel', params: { random: { shape: [300, 1, 3, 3], seed: 1 } } }]),
      ),
    ).toEqual(['cells[0].params.random.shape[0]: must be an integer <= 256, got 300']);
    const many = Array.from({ length: 501 }, (_, i) => ({ id: `n${i}`, kind: 'note' }));
    expect(problems(notebook(many))).toEqual(['cells: has 501 cells, the limit is 500']);
    expect(problems(notebook([], { title: 'x'.repeat(201) }))).toEqual([
      'title: must be at most 200 characters, got 201',
    ]);
  });

  it('a kernel with no weight source, two sources, or a bias of the wrong length', () => {
    expect(problems(notebook([{ id: 'k', kind: 'kernel', params: {} }]))).toEqual([
      'cells[0].params: needs exactly one of values, preset, gaussian, random; got none',
    ]);
    expect(
      problems(notebook([{ id: 'k', kind: 'kernel', params: { preset: 'sharpen', values: [[1]] } }])),
    ).toEqual([
      'cells[0].params: needs exactly one of values, preset, gaussian, random; got values and preset',
    ]);
    expect(
      problems(notebook([{ id: 'k', kind: 'kernel', params: { values: [[1]], bias: [1, 2] } }])),
    ).toEqual(['cells[0].params.bias: must have one entry per kernel (1), got 2']);
  });

  it('with every problem in the error object as well as the message', () => {
    try {
      parseNotebook(
        notebook([
          { id: 'a', kind: 'nope' },
          { id: 'a', kind: 'note' },
        ]),
      );
    } catch (error) {
      expect(error).toBeInstanceOf(DocumentError);
      expect((error as DocumentError).problems.map((p) => p.path)).toEqual(['cells[1].id', 'cells[0].kind']);
    }
  });
});
