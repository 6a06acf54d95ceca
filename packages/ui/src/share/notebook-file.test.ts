import { describe, expect, it } from 'vitest';
import { exportFileName, readNotebookFile, validateNotebookText } from './notebook-file';

/** A stand-in for cells' parseNotebook: collects every problem like DocumentError does. */
class FakeDocumentError extends Error {
  constructor(readonly problems: { path: string; message: string }[]) {
    super(`${problems.length} problems`);
  }
}
function parse(text: string): { title: string } {
  const value: unknown = JSON.parse(text);
  const problems: { path: string; message: string }[] = [];
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  if (record.format !== 'convbook') problems.push({ path: 'format', message: 'expected "convbook"' });
  if (typeof record.title !== 'string') problems.push({ path: 'title', message: 'expected a string' });
  if (problems.length > 0) throw new FakeDocumentError(problems);
  return { title: String(record.title) };
}
const file = (text: string | Uint8Array, name = 'x.convbook.json') =>
  Object.assign(new Blob([text as BlobPart]), { name });

describe('notebook files', () => {
  it('names the export after the title, replacing what file systems reject', () => {
    expect(exportFileName('Edges: Sobel / Prewitt')).toBe('Edges- Sobel - Prewitt.convbook.json');
    expect(exportFileName('   ')).toBe('notebook.convbook.json');
    expect(exportFileName('..hidden')).toBe('hidden.convbook.json');
  });

  it('reports every problem of an invalid file, with paths', () => {
    expect(validateNotebookText('{"cells": []}', parse, 'a.json')).toEqual({
      status: 'invalid',
      source: 'a.json',
      problems: [
        { path: 'format', message: 'expected "convbook"' },
        { path: 'title', message: 'expected a string' },
      ],
    });
  });

  it('turns a plain parser failure into one problem', () => {
    const result = validateNotebookText('{oops', parse, 'a.json');
    expect(result.status).toBe('invalid');
    if (result.status === 'invalid') expect(result.problems).toHaveLength(1);
  });

  it('reads a valid file into a document', async () => {
    expect(await readNotebookFile(file('{"format":"convbook","title":"T"}'), parse)).toEqual({
      status: 'ok',
      document: { title: 'T' },
    });
  });

  it('refuses a file that is too large or not text without parsing it', async () => {
    expect(await readNotebookFile(file('x'.repeat(2000), 'big.json'), parse, 1000)).toEqual({
      status: 'invalid',
      source: 'big.json',
      problems: [{ path: '(file)', message: 'the file is 2.0 KB; notebooks are at most 1000 bytes' }],
    });
    expect(await readNotebookFile(file(new Uint8Array([0xff, 0xfe, 0x00]), 'pic.png'), parse)).toMatchObject({
      problems: [{ path: '(file)', message: 'the file is not UTF-8 text' }],
    });
  });
});
