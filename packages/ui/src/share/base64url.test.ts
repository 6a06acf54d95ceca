import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64Url, encodeBase64Url } from './base64url';

describe('base64url', () => {
  it('encodes like Node’s own base64url codec', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(encodeBase64Url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
        expect(decodeBase64Url(encodeBase64Url(bytes))).toEqual(bytes);
      }),
      { numRuns: 200 },
    );
  });

  it('encodes a known example without padding', () => {
    expect(encodeBase64Url(new Uint8Array([0xfb, 0xff, 0xbf]))).toBe('-_-_');
    expect(encodeBase64Url(new TextEncoder().encode('hi'))).toBe('aGk');
  });

  it('rejects characters outside the alphabet and impossible lengths', () => {
    expect(decodeBase64Url('ab+c')).toBeUndefined();
    expect(decodeBase64Url('abc=')).toBeUndefined();
    expect(decodeBase64Url('abcde')).toBeUndefined();
  });

  it('handles arrays larger than one chunk', () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 31) & 255);
    expect(decodeBase64Url(encodeBase64Url(bytes))).toEqual(bytes);
  });
});
