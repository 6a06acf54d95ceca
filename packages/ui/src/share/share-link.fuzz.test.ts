import { deflateRawSync } from 'node:zlib';
import { parseNotebook } from '@convbook/cells';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { encodeBase64Url } from './base64url';
import { readShareLink, type SharedDocument } from './read-share-link';
import { decodeShareFragment, encodeShareFragment, MAX_DOCUMENT_BYTES } from './share-link';

/**
 * A share link is text a stranger wrote. Opening one ends in a notebook, or a sentence saying the link is
 * damaged, too big, or holds an invalid notebook (with a path per problem) — never an exception, and never
 * a crash dressed up as a problem: `validateNotebookText` turns anything unexpected into a "(file)" problem,
 * so such a problem here means the parser threw something other than a DocumentError.
 */

// A long run (FUZZ_RUNS) may take minutes per property; the everyday suite keeps the 30 s limit.
vi.setConfig({ testTimeout: process.env.FUZZ_RUNS ? 600_000 : 30_000 });

const runs = (defaultRuns: number, share: number): number => {
  const requested = process.env.FUZZ_RUNS;
  return requested ? Math.max(1, Math.round(Number(requested) * share)) : defaultRuns;
};

const BROKEN_MESSAGES = [
  /^This share link is too long to open \(.+, the limit is .+\)\.$/,
  /^This share link is damaged: its data is not valid base64url\.$/,
  /^This share link expands to more than .+; it was not opened\.$/,
  /^This share link is damaged: its data could not be decompressed\.$/,
  /^This share link is damaged: its data is not UTF-8 text\.$/,
];

async function openLink(hash: string): Promise<SharedDocument<unknown>> {
  const shared = await readShareLink(hash, parseNotebook);
  if (shared.status === 'broken') {
    expect(
      BROKEN_MESSAGES.some((pattern) => pattern.test(shared.message)),
      shared.message,
    ).toBe(true);
  }
  if (shared.status === 'invalid') {
    expect(shared.problems.length).toBeGreaterThan(0);
    for (const problem of shared.problems) {
      expect(problem.path, problem.message).not.toBe('(file)');
      expect(problem.message).not.toBe('');
    }
  }
  return shared;
}

const fragmentOf = (bytes: Uint8Array): string => `#share=${encodeBase64Url(bytes)}`;
const validLink = encodeShareFragment(
  JSON.stringify({
    format: 'convbook',
    version: 1,
    title: 'shared',
    cells: [{ id: 'n', kind: 'note', params: { markdown: '*hi*' } }],
  }),
);

describe('share links under fuzzing', () => {
  it('opens arbitrary fragments as a notebook or a clear sentence', async () => {
    const hash = fc.oneof(
      fc.string(),
      fc.string().map((s) => `#share=${s}`),
      fc.stringMatching(/^[A-Za-z0-9_-]{0,64}$/).map((s) => `#share=${s}`),
    );
    await fc.assert(
      fc.asyncProperty(hash, async (text) => {
        await openLink(text);
      }),
      { numRuns: runs(800, 0.02) },
    );
  });

  it('opens truncated and character-flipped valid links as the notebook or a clear sentence', async () => {
    const link = await validLink;
    if (link.status !== 'ok') throw new Error('the sample notebook should fit in a link');
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 }),
        async (cut, flips) => {
          const chars = [...link.fragment.slice(0, '#share='.length + (cut % (link.fragment.length - 6)))];
          for (const [at, to] of flips) {
            const index = '#share='.length + (at % Math.max(1, chars.length - '#share='.length));
            if (index < chars.length) chars[index] = alphabet[to % alphabet.length] as string;
          }
          await openLink(chars.join(''));
        },
      ),
      { numRuns: runs(500, 0.01) },
    );
  });

  it('reports the problems of a link whose deflated text is not a notebook', async () => {
    const payload = fc.oneof(fc.string(), fc.json(), fc.uint8Array({ maxLength: 100 }));
    await fc.assert(
      fc.asyncProperty(payload, async (data) => {
        const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
        const shared = await openLink(fragmentOf(deflateRawSync(bytes)));
        expect(shared.status).not.toBe('none');
      }),
      { numRuns: runs(500, 0.01) },
    );
  });
});

describe('share link limits', () => {
  it('stops a decompression bomb (100 MB of zeros in a small link) at the size limit, quickly', async () => {
    const bomb = fragmentOf(deflateRawSync(Buffer.alloc(100 * 1024 * 1024)));
    expect(bomb.length).toBeLessThan(200 * 1024);
    const started = performance.now();
    const decoded = await decodeShareFragment(bomb);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(decoded).toEqual({
      status: 'error',
      message: `This share link expands to more than ${MAX_DOCUMENT_BYTES / (1024 * 1024)}.0 MB; it was not opened.`,
    });
  });

  it('refuses a 3 MB fragment without decoding it', async () => {
    const started = performance.now();
    const decoded = await decodeShareFragment(`#share=${'A'.repeat(3 * 1024 * 1024)}`);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(decoded).toEqual({
      status: 'error',
      message: 'This share link is too long to open (3.0 MB, the limit is 2.0 MB).',
    });
  });
});
