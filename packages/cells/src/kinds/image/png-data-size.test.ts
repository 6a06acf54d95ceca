import { at } from '@convbook/core';
import { encode } from 'fast-png';
import { zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { decodePngImage } from './png-codec';
import { promisedDataBytes } from './png-data-size';
import { PngError } from './png-error';

/**
 * A zlib stream that inflates to `megabytes` MB of zeros, written by hand so the test never holds the
 * inflated bytes: one fixed-Huffman block, a literal 0, then copies of 258 bytes at distance 1 (13 bits
 * each, so 1 MB of output costs about 6.3 KB).
 */
function zeroBomb(megabytes: number): Uint8Array {
  const copies = Math.ceil((megabytes * 2 ** 20) / 258);
  const out = new Uint8Array(Math.ceil((3 + 8 + copies * 13 + 7) / 8) + 8);
  out.set([0x78, 0x01]);
  let bit = 16;
  const put = (value: number, width: number, msbFirst: boolean): void => {
    for (let i = 0; i < width; i++) {
      const b = msbFirst ? (value >> (width - 1 - i)) & 1 : (value >> i) & 1;
      if (b) out[bit >> 3] = at(out, bit >> 3) | (1 << (bit & 7));
      bit++;
    }
  };
  put(1, 1, false); // final block
  put(1, 2, false); // fixed Huffman codes
  put(0x30, 8, true); // literal 0
  for (let i = 0; i < copies; i++) {
    put(0b11000101, 8, true); // length 258 (code 285)
    put(0, 5, true); // distance 1
  }
  put(0, 7, true); // end of block; the Adler-32 that follows is left zero
  return out.subarray(0, (bit >> 3) + 5);
}

/** A PNG whose IHDR says `width`×`height`, 8-bit gray, with `data` as its one IDAT chunk (CRCs left zero). */
function pngWith(width: number, height: number, data: Uint8Array): Uint8Array {
  const chunk = (type: string, body: Uint8Array): Uint8Array => {
    const bytes = new Uint8Array(12 + body.length);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, body.length);
    bytes.set(
      [...type].map((c) => c.charCodeAt(0)),
      4,
    );
    bytes.set(body, 8);
    return bytes;
  };
  const ihdr = new Uint8Array(13);
  new DataView(ihdr.buffer).setUint32(0, width);
  new DataView(ihdr.buffer).setUint32(4, height);
  ihdr.set([8, 0, 0, 0, 0], 8);
  const parts = [
    new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', data),
    chunk('IEND', new Uint8Array(0)),
  ];
  const file = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    file.set(part, at);
    at += part.length;
  }
  return file;
}

describe('the image data of a PNG is capped at what its header promises', () => {
  it('refuses a 1×1 header whose data inflates to 1 GB, without inflating it', () => {
    const bomb = pngWith(1, 1, zeroBomb(1024));
    expect(bomb.length).toBeLessThan(7 * 2 ** 20);
    const started = performance.now();
    expect(() => decodePngImage(bomb)).toThrow(
      new PngError(
        'png: the image data inflates to more than the 2 bytes a 1×1 picture holds; the file is damaged or hostile',
      ),
    );
    // Inflating all of it took 20 s and 1 GB; stopping at the promise takes one small step (a few ms alone,
    // the bound is loose for a loaded machine).
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('refuses a 64×64 header whose data inflates to 64 MB, and names the size', () => {
    expect(() => decodePngImage(pngWith(64, 64, zeroBomb(64)))).toThrow(
      'more than the 4160 bytes a 64×64 picture holds',
    );
  });

  it('still decodes data that inflates to exactly the promise, interlaced or not', () => {
    // 3×2 gray: two rows of a filter byte and 3 pixels = 8 bytes.
    const exact = pngWith(3, 2, zlibSync(new Uint8Array([0, 0, 255, 51, 0, 102, 204, 0])));
    expect(decodePngImage(exact).toArray()).toEqual([
      [[0, 1, 0.2].map(Math.fround), [0.4, 0.8, 0].map(Math.fround)],
    ]);
    const rgb = encode({
      width: 37,
      height: 11,
      data: new Uint8Array(37 * 11 * 3).fill(9),
      depth: 8,
      channels: 3,
    });
    expect(decodePngImage(rgb).shape).toEqual([3, 11, 37]);
  });

  it('damaged data is refused in a sentence', () => {
    expect(() => decodePngImage(pngWith(2, 2, new Uint8Array([0x78, 0x01, 0xff, 0xff, 0xff])))).toThrow(
      'png: the image data is damaged (it does not inflate)',
    );
  });
});

describe('promisedDataBytes', () => {
  it('counts a filter byte per row, and per row of each Adam7 pass', () => {
    expect(promisedDataBytes({ width: 3, height: 2, depth: 8, colourType: 0, interlaced: false })).toBe(8);
    expect(promisedDataBytes({ width: 5, height: 1, depth: 1, colourType: 0, interlaced: false })).toBe(2);
    expect(
      promisedDataBytes({ width: 4096, height: 4096, depth: 16, colourType: 6, interlaced: false }),
    ).toBe(4096 * (1 + 4096 * 8));
    // 8×8 RGB, by hand: passes are 1×1, 1×1, 2×1, 2×2, 4×2, 4×4, 8×4 pixels (width×height).
    const passes = [
      [1, 1],
      [1, 1],
      [2, 1],
      [2, 2],
      [4, 2],
      [4, 4],
      [8, 4],
    ];
    const expected = passes.reduce((n, [w, h]) => n + (h as number) * (1 + (w as number) * 3), 0);
    expect(promisedDataBytes({ width: 8, height: 8, depth: 8, colourType: 2, interlaced: true })).toBe(
      expected,
    );
  });
});
