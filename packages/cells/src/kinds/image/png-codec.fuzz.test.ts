import fc from 'fast-check';
import { encode } from 'fast-png';
import { describe, expect, it, vi } from 'vitest';
import { fuzzRuns, fuzzTimeout } from '../../testing/arbitraries';
import { base64ToBytes, decodePngImage, PngError } from './png-codec';

/**
 * Uploaded pictures are hostile bytes. Decoding either refuses with a PngError whose message is written for
 * a person, or returns a [1 or 3, H, W] tensor of finite values in [0, 1] — never another exception, and
 * never an allocation sized by a header that lies.
 */

vi.setConfig({ testTimeout: fuzzTimeout() });

/** Decodes and checks the two allowed endings; returns the tensor or the refusal's message. */
function decodeOrRefuse(bytes: Uint8Array): { shape: readonly number[] } | { refused: string } {
  let image: ReturnType<typeof decodePngImage>;
  try {
    image = decodePngImage(bytes);
  } catch (error) {
    if (!(error instanceof PngError)) throw error;
    expect(error.message).toMatch(/^png: \S/);
    return { refused: error.message };
  }
  expect(image.rank).toBe(3);
  expect([1, 3]).toContain(image.shape[0]);
  for (const value of image.data) {
    if (!(value >= 0 && value <= 1)) throw new Error(`decoded value ${value} is outside [0, 1]`);
  }
  return { shape: image.shape };
}

/** A small valid PNG of any colour type the encoder writes, with random pixels. */
const validPng = fc
  .record({
    width: fc.integer({ min: 1, max: 9 }),
    height: fc.integer({ min: 1, max: 9 }),
    channels: fc.constantFrom(1, 2, 3, 4),
    depth: fc.constantFrom(8, 16),
    seed: fc.nat(),
  })
  .map(({ width, height, channels, depth, seed }) => {
    const size = width * height * channels;
    const data = depth === 8 ? new Uint8Array(size) : new Uint16Array(size);
    for (let i = 0; i < size; i++) data[i] = (seed * 2654435761 + i * 40503) % (depth === 8 ? 256 : 65536);
    return encode({ width, height, data, depth, channels });
  });

describe('decodePngImage under fuzzing', () => {
  it('decodes every valid PNG to the size its header gives', () => {
    fc.assert(
      fc.property(validPng, (png) => {
        const view = new DataView(png.buffer, png.byteOffset);
        const outcome = decodeOrRefuse(png);
        expect(outcome).toMatchObject({
          shape: [expect.any(Number), view.getUint32(20), view.getUint32(16)],
        });
      }),
      { numRuns: fuzzRuns(300, 0.01) },
    );
  });

  it('refuses or decodes random bytes, with and without a PNG signature in front', () => {
    const signature = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.boolean(), (bytes, signed) => {
        decodeOrRefuse(signed ? Uint8Array.from([...signature, ...bytes]) : bytes);
      }),
      { numRuns: fuzzRuns(1500, 0.05) },
    );
  });

  it('refuses or decodes truncated valid PNGs', () => {
    fc.assert(
      fc.property(validPng, fc.nat(), (png, cut) => {
        decodeOrRefuse(png.subarray(0, cut % png.length));
      }),
      { numRuns: fuzzRuns(1500, 0.05) },
    );
  });

  it('refuses or decodes valid PNGs with flipped bits anywhere, header included', () => {
    fc.assert(
      fc.property(
        validPng,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 7 })), { minLength: 1, maxLength: 4 }),
        (png, flips) => {
          const damaged = png.slice();
          for (const [at, bit] of flips) {
            const index = at % damaged.length;
            damaged[index] = (damaged[index] ?? 0) ^ (1 << bit);
          }
          decodeOrRefuse(damaged);
        },
      ),
      { numRuns: fuzzRuns(1500, 0.05) },
    );
  });

  it('refuses or decodes arbitrary base64 text', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.base64String(), fc.string(), fc.constant('data:image/png;base64,!!!')),
        (text) => {
          let bytes: Uint8Array;
          try {
            bytes = base64ToBytes(text);
          } catch (error) {
            if (!(error instanceof PngError)) throw error;
            expect(error.message).toBe('png: the picture is not valid base64');
            return;
          }
          decodeOrRefuse(bytes);
        },
      ),
      { numRuns: fuzzRuns(1000, 0.05) },
    );
  });
});

describe('decodePngImage size limit, checked from the header', () => {
  /** A 1×1 gray PNG whose IHDR claims `width`×`height`, with its checksum made right so only the size is wrong. */
  function pngClaiming(width: number, height: number): Uint8Array {
    const png = encode({ width: 1, height: 1, data: new Uint8Array([0]), depth: 8, channels: 1 });
    const view = new DataView(png.buffer, png.byteOffset);
    view.setUint32(16, width);
    view.setUint32(20, height);
    view.setUint32(29, crc32(png.subarray(12, 29)));
    return png;
  }

  it.each([
    [100_000, 100_000],
    [4097, 1],
    [1, 4097],
    [0xffffffff, 0xffffffff],
  ])('refuses a header claiming %i×%i in under a second, naming the limit', (width, height) => {
    const started = performance.now();
    expect(() => decodePngImage(pngClaiming(width, height))).toThrow(
      new PngError(`png: the picture is ${width}×${height} but images must be between 1×1 and 4096×4096`),
    );
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses a header claiming 0×0', () => {
    expect(() => decodePngImage(pngClaiming(0, 0))).toThrow(
      'png: the picture is 0×0 but images must be between',
    );
  });
});

/** CRC-32 as PNG chunks use it (ISO 3309, reflected 0xEDB88320). */
function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}
