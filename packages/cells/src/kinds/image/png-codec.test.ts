import { encode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { base64ToBytes, decodePngImage, readPngSize } from './png-codec';

const toBase64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes));

describe('decodePngImage', () => {
  it('reads 8-bit gray as one channel scaled to [0, 1]', () => {
    const png = encode({
      width: 3,
      height: 2,
      data: new Uint8Array([0, 255, 51, 102, 204, 0]),
      depth: 8,
      channels: 1,
    });
    const image = decodePngImage(png);
    expect(image.shape).toEqual([1, 2, 3]);
    expect([...image.data]).toEqual([0, 1, 0.2, 0.4, 0.8, 0].map(Math.fround));
  });

  it('reads 16-bit RGB into channel planes', () => {
    const data = new Uint16Array([65535, 0, 0, 0, 65535, 32768]);
    const image = decodePngImage(encode({ width: 2, height: 1, data, depth: 16, channels: 3 }));
    expect(image.shape).toEqual([3, 1, 2]);
    expect(image.toArray()).toEqual([[[1, 0]], [[0, 1]], [[0, Math.fround(32768 / 65535)]]]);
  });

  it('drops alpha from RGBA', () => {
    const png = encode({ width: 1, height: 1, data: new Uint8Array([255, 0, 51, 7]), depth: 8, channels: 4 });
    expect(decodePngImage(png).toArray()).toEqual([[[1]], [[0]], [[Math.fround(0.2)]]]);
  });

  it('unpacks 1-bit gray rows', () => {
    const png = encode({ width: 3, height: 1, data: new Uint8Array([0b10100000]), depth: 1, channels: 1 });
    expect([...decodePngImage(png).data]).toEqual([1, 0, 1]);
  });

  it('looks up palette colours, also at 4 bits per index', () => {
    const palette = [
      [255, 0, 0],
      [0, 0, 255],
    ];
    const png = encode({
      width: 2,
      height: 1,
      data: new Uint8Array([0b00010000]),
      depth: 4,
      channels: 1,
      palette,
    });
    expect(decodePngImage(png).toArray()).toEqual([[[0, 1]], [[0, 0]], [[1, 0]]]); // index 1 (blue), then 0 (red)
  });

  it('rejects a picture larger than the limit from its header alone', () => {
    // Signature + a bare IHDR claiming 5000×20: no pixel data at all, so only the header check can answer.
    const header = new Uint8Array(33);
    header.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    new DataView(header.buffer).setUint32(16, 5000);
    new DataView(header.buffer).setUint32(20, 20);
    expect(readPngSize(header)).toEqual({ width: 5000, height: 20 });
    expect(() => decodePngImage(header)).toThrow(
      'png: the picture is 5000×20 but images must be between 1×1 and 4096×4096',
    );
  });

  it('rejects bytes that are not a PNG', () => {
    expect(() => decodePngImage(new TextEncoder().encode('GIF89a, definitely not a png...'))).toThrow(
      'png: the data does not start with the PNG signature',
    );
  });

  it('accepts base64 with a data URL prefix', () => {
    const png = encode({ width: 1, height: 1, data: new Uint8Array([255]), depth: 8, channels: 1 });
    expect(base64ToBytes(`data:image/png;base64,${toBase64(png)}`)).toEqual(png);
    expect(() => base64ToBytes('***')).toThrow('png: the picture is not valid base64');
  });
});
