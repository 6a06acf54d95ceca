import { describe, expect, it } from 'vitest';
import { checkDecodable, PictureError, readPictureSize } from './picture-header';

const u32be = (n: number): number[] => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const u16le = (n: number): number[] => [n & 255, (n >>> 8) & 255];
const ascii = (text: string): number[] => [...text].map((c) => c.charCodeAt(0));
const blob = (...parts: number[][]): Blob => new Blob([new Uint8Array(parts.flat())]);

/** A PNG signature and IHDR claiming `width`×`height`, followed by nothing: only the header is read. */
function pngHeader(width: number, height: number): Blob {
  return blob(
    [0x89, ...ascii('PNG\r\n\x1a\n')],
    u32be(13),
    ascii('IHDR'),
    u32be(width),
    u32be(height),
    [8, 2, 0, 0, 0],
  );
}

describe('readPictureSize', () => {
  it('reads PNG, GIF, BMP and the three WebP headers', async () => {
    expect(await readPictureSize(pngHeader(20000, 300))).toEqual({
      format: 'PNG',
      width: 20000,
      height: 300,
    });
    expect(
      await readPictureSize(blob(ascii('GIF89a'), u16le(640), u16le(480), new Array(20).fill(0))),
    ).toEqual({
      format: 'GIF',
      width: 640,
      height: 480,
    });
    const bmp = [...ascii('BM'), ...new Array(16).fill(0), 0x20, 3, 0, 0, 0x18, 0xfc, 0xff, 0xff, 0, 0, 0, 0];
    expect(await readPictureSize(blob(bmp))).toEqual({ format: 'BMP', width: 800, height: 1000 });
    const riff = (chunk: string, body: number[]): Blob =>
      blob(
        ascii('RIFF'),
        [0, 0, 0, 0],
        ascii('WEBP'),
        ascii(chunk),
        [0, 0, 0, 0],
        body,
        new Array(16).fill(0),
      );
    // VP8: frame tag (3 bytes) and start code (3 bytes), then 14-bit width and height.
    expect(
      await readPictureSize(riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, ...u16le(1024), ...u16le(768)])),
    ).toEqual({
      format: 'WebP',
      width: 1024,
      height: 768,
    });
    // VP8L: signature byte, then width-1 and height-1 in 14 bits each.
    const bits = 99 | (49 << 14);
    expect(
      await readPictureSize(
        riff('VP8L', [0x2f, bits & 255, (bits >>> 8) & 255, (bits >>> 16) & 255, bits >>> 24]),
      ),
    ).toEqual({
      format: 'WebP',
      width: 100,
      height: 50,
    });
    // VP8X: flags (4 bytes), then canvas width-1 and height-1 in 24 bits each.
    expect(await readPictureSize(riff('VP8X', [0, 0, 0, 0, 0x1f, 0x4e, 0, 0x1f, 0x4e, 0]))).toEqual({
      format: 'WebP',
      width: 20000,
      height: 20000,
    });
  });

  it('walks a JPEG past its metadata segments to the frame header', async () => {
    const app1 = [0xff, 0xe1, 0x10, 0x02, ...new Array(0x1000).fill(0)]; // a 4 KB metadata segment
    const sof2 = [0xff, 0xc2, 0, 17, 8, 0x0f, 0xa0, 0x4e, 0x20, 3];
    expect(await readPictureSize(blob([0xff, 0xd8], app1, sof2, new Array(16).fill(0)))).toEqual({
      format: 'JPEG',
      width: 20000,
      height: 4000,
    });
  });

  it('refuses what it cannot read, and empty sizes, in a sentence', async () => {
    for (const bad of [
      blob(ascii('<svg xmlns="http://www.w3.org/2000/svg"/>')),
      blob([]),
      blob([0xff, 0xd8, 0xff]),
    ]) {
      await expect(readPictureSize(bad)).rejects.toThrow(/not a picture this app can read.*PNG, JPEG/);
    }
    await expect(readPictureSize(pngHeader(0, 10))).rejects.toThrow('says it is 0×10 pixels');
  });
});

describe('checkDecodable', () => {
  it('refuses the 20000×20000 picture by its header and names both sizes', () => {
    expect(() => checkDecodable({ format: 'PNG', width: 20000, height: 20000 })).toThrow(PictureError);
    expect(() => checkDecodable({ format: 'PNG', width: 20000, height: 20000 })).toThrow(
      'That picture is 20000×20000 (400 million pixels); pictures up to 50 million pixels can be uploaded',
    );
    expect(() => checkDecodable({ format: 'JPEG', width: 8000, height: 6000 })).not.toThrow();
  });
});
