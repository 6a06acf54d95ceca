import { randomBytes } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeBase64Url } from './base64url';
import { decodeShareFragment, encodeShareFragment, MAX_SHARE_FRAGMENT } from './share-link';

const notebook = JSON.stringify(
  { format: 'convbook', version: 1, title: 'Edges — Sobel ∂x', cells: [] },
  null,
  2,
);
const fragmentOf = (bytes: Uint8Array) => `#share=${encodeBase64Url(bytes)}`;

describe('share links', () => {
  it('round-trips a document through the fragment', async () => {
    const link = await encodeShareFragment(notebook);
    if (link.status !== 'ok') throw new Error('expected a link');
    expect(link.fragment).toMatch(/^#share=[A-Za-z0-9_-]+$/);
    expect(await decodeShareFragment(link.fragment)).toEqual({ status: 'ok', text: notebook });
  });

  it('produces data Node’s zlib inflates back to the document (really deflate-raw)', async () => {
    const link = await encodeShareFragment(notebook);
    if (link.status !== 'ok') throw new Error('expected a link');
    const { inflateRawSync } = await import('node:zlib');
    const data = Buffer.from(link.fragment.slice('#share='.length), 'base64url');
    expect(inflateRawSync(data).toString('utf8')).toBe(notebook);
  });

  it('says a document that does not compress below the limit is too big for a link', async () => {
    // Random bytes do not compress: 40 000 of them in hex are about 53 KB once deflated and base64url'd.
    const noise = randomBytes(40_000).toString('hex');
    const link = await encodeShareFragment(JSON.stringify({ image: noise }));
    expect(link).toMatchObject({ status: 'too-big', limit: MAX_SHARE_FRAGMENT });
    if (link.status === 'too-big') expect(link.fragmentLength).toBeGreaterThan(MAX_SHARE_FRAGMENT);
  });

  it('explains each kind of damage', async () => {
    expect(await decodeShareFragment('#other=1')).toEqual({
      status: 'error',
      message: 'This link does not contain a shared notebook.',
    });
    expect(await decodeShareFragment('#share=ab$cd')).toEqual({
      status: 'error',
      message: 'This share link is damaged: its data is not valid base64url.',
    });
    expect(await decodeShareFragment('#share=')).toMatchObject({ status: 'error' });
    expect(await decodeShareFragment(fragmentOf(new Uint8Array([0xff, 0xff, 0xff, 0xff])))).toEqual({
      status: 'error',
      message: 'This share link is damaged: its data could not be decompressed.',
    });
    expect(await decodeShareFragment(fragmentOf(deflateRawSync(Buffer.from([0xc3, 0x28]))))).toEqual({
      status: 'error',
      message: 'This share link is damaged: its data is not UTF-8 text.',
    });
  });

  it('refuses an oversized fragment before decoding it', async () => {
    expect(await decodeShareFragment(`#share=${'A'.repeat(2001)}`, { maxFragment: 2000 })).toEqual({
      status: 'error',
      message: 'This share link is too long to open (2.0 KB, the limit is 2.0 KB).',
    });
  });

  it('accepts a document of exactly the size limit and refuses one byte more', async () => {
    const fits = fragmentOf(deflateRawSync(Buffer.from('a'.repeat(5000))));
    const over = fragmentOf(deflateRawSync(Buffer.from('a'.repeat(5001))));
    expect(await decodeShareFragment(fits, { maxDocumentBytes: 5000 })).toEqual({
      status: 'ok',
      text: 'a'.repeat(5000),
    });
    expect(await decodeShareFragment(over, { maxDocumentBytes: 5000 })).toMatchObject({ status: 'error' });
  });

  it('stops inflating a zip bomb at the limit, quickly', async () => {
    const bomb = deflateRawSync(Buffer.alloc(64 * 1024 * 1024)); // 64 MB of zeros in ~64 KB
    const started = performance.now();
    const result = await decodeShareFragment(fragmentOf(bomb));
    const ms = performance.now() - started;
    expect(result).toEqual({
      status: 'error',
      message: 'This share link expands to more than 20.0 MB; it was not opened.',
    });
    expect(ms).toBeLessThan(2000);
  });
});
