import { describe, expect, it } from 'vitest';
import { UNREADABLE, validateNotebookText } from './notebook-file';
import { readShareLink } from './read-share-link';
import { encodeShareFragment, MAX_SHARE_FRAGMENT, SHARE_PREFIX } from './share-link';

/** Engine messages are for developers: the import and share paths put plain sentences in their place. */
const ENGINE_TEXT = /Invalid string length|Error while decompressing|Maximum call stack|RangeError|TypeError/;

describe('no engine text reaches the person importing or sharing', () => {
  it('a parser that fails with an engine error gives a plain problem', () => {
    for (const error of [
      new RangeError('Invalid string length'),
      new TypeError('Error while decompressing the data: incorrect header check'),
      new RangeError('Maximum call stack size exceeded'),
    ]) {
      const result = validateNotebookText(
        '{}',
        () => {
          throw error;
        },
        'x.json',
      );
      expect(result).toEqual({
        status: 'invalid',
        source: 'x.json',
        problems: [{ path: '(file)', message: UNREADABLE }],
      });
      expect(JSON.stringify(result)).not.toMatch(ENGINE_TEXT);
    }
  });

  it('a share link whose document cannot be processed says so plainly', async () => {
    const link = await encodeShareFragment('{"format":"convbook"}');
    if (link.status !== 'ok') throw new Error('a tiny document fits a link');
    const result = await readShareLink(link.fragment, () => {
      throw new RangeError('Invalid string length');
    });
    expect(JSON.stringify(result)).not.toMatch(ENGINE_TEXT);
    expect(result.status).toBe('invalid');
  });

  it('a document too big for a link is measured without building the link', async () => {
    // 200 KB of incompressible text: deflate keeps it about as long, base64 adds a third.
    const noise = new Uint8Array(200_000);
    for (let at = 0; at < noise.length; at += 65_536) crypto.getRandomValues(noise.subarray(at, at + 65_536));
    const text = Array.from(noise, (b) => String.fromCharCode(33 + (b % 90))).join('');
    const link = await encodeShareFragment(text);
    expect(link.status).toBe('too-big');
    if (link.status !== 'too-big') return;
    expect(link.fragmentLength).toBeGreaterThan(MAX_SHARE_FRAGMENT);
    expect(link.fragmentLength).toBeGreaterThan(SHARE_PREFIX.length + 100_000);
  });
});
