import { parseNotebook } from '@convbook/cells';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { type ImportResult, readNotebookFile } from './notebook-file';

/**
 * Importing a file someone sent: any bytes end in a notebook or in a list of problems. A "(file)" problem is
 * only allowed for the two things wrong with the file itself (too big, not UTF-8); anything else there would
 * be a parser crash reported as a problem.
 */

// A long run (FUZZ_RUNS) may take minutes per property; the everyday suite keeps the 30 s limit.
vi.setConfig({ testTimeout: process.env.FUZZ_RUNS ? 600_000 : 30_000 });

const runs = (defaultRuns: number, share: number): number => {
  const requested = process.env.FUZZ_RUNS;
  return requested ? Math.max(1, Math.round(Number(requested) * share)) : defaultRuns;
};

const FILE_PROBLEMS = [/^the file is not UTF-8 text$/, /^the file is .+; notebooks are at most .+$/];

function expectClearOutcome(result: ImportResult<unknown>): void {
  if (result.status === 'ok') return;
  expect(result.problems.length).toBeGreaterThan(0);
  for (const problem of result.problems) {
    if (problem.path === '(file)') {
      expect(
        FILE_PROBLEMS.some((pattern) => pattern.test(problem.message)),
        problem.message,
      ).toBe(true);
    }
    expect(problem.message).not.toBe('');
  }
}

const fileOf = (bytes: Uint8Array | string, name = 'shared.convbook.json') =>
  Object.assign(new Blob([bytes as BlobPart]), { name });

describe('readNotebookFile under fuzzing', () => {
  it('turns arbitrary bytes and text into a notebook or clear problems', async () => {
    const contents = fc.oneof(fc.uint8Array({ maxLength: 300 }), fc.string(), fc.json());
    await fc.assert(
      fc.asyncProperty(contents, async (bytes) => {
        expectClearOutcome(await readNotebookFile(fileOf(bytes), parseNotebook));
      }),
      { numRuns: runs(600, 0.01) },
    );
  });

  it('refuses a 21 MB file without reading it', async () => {
    const started = performance.now();
    const result = await readNotebookFile(fileOf(new Uint8Array(21 * 1024 * 1024)), parseNotebook);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(result).toEqual({
      status: 'invalid',
      source: 'shared.convbook.json',
      problems: [{ path: '(file)', message: 'the file is 21.0 MB; notebooks are at most 20.0 MB' }],
    });
  });
});
