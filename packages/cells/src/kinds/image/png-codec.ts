import { Tensor } from '@convbook/core';
import { type DecodedPng, decode } from 'fast-png';
import { MAX_IMAGE_SIDE } from '../../document/limits';
import { checkDataInflatesWithin, type PngHeader, promisedDataBytes } from './png-data-size';
import { PngError } from './png-error';

/** Largest side of an uploaded picture, checked from the header before any pixel memory is allocated. */
export const MAX_PNG_SIDE = MAX_IMAGE_SIDE;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export { PngError };

/** Decodes base64 (optionally a `data:image/png;base64,` URL) to bytes. Works in Node and in browsers. */
export function base64ToBytes(base64: string): Uint8Array {
  const payload = base64.replace(/^data:[^,]*,/, '').replace(/\s+/g, '');
  let binary: string;
  try {
    binary = atob(payload);
  } catch {
    throw new PngError('png: the picture is not valid base64');
  }
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** Width and height from the IHDR chunk, which the format requires to come first, right after the signature. */
export function readPngSize(bytes: Uint8Array): { width: number; height: number } {
  if (bytes.length < 24 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) {
    throw new PngError('png: the data does not start with the PNG signature');
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunkType = String.fromCharCode(...bytes.subarray(12, 16));
  if (chunkType !== 'IHDR') throw new PngError(`png: expected the IHDR chunk first, found "${chunkType}"`);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/** The whole IHDR: size, bit depth, colour type and interlacing (the 13 bytes after the chunk type). */
export function readPngHeader(bytes: Uint8Array): PngHeader {
  const { width, height } = readPngSize(bytes);
  if (bytes.length < 29) throw new PngError('png: the file ends inside its header');
  return { width, height, depth: bytes[24] ?? 0, colourType: bytes[25] ?? 0, interlaced: bytes[28] === 1 };
}

/**
 * A PNG (8/16-bit; gray, gray+alpha, RGB, RGBA or palette) as a [C, H, W] tensor of values in [0, 1]:
 * C = 1 for gray, 3 for colour. Alpha is dropped — a CNN sees colour, and a half-transparent upload should not
 * silently darken. Before the decoder runs, the header's size is checked against the limit and the image
 * data is inflated once, counting, against what that size holds: neither a hostile header nor data that
 * inflates past its header can exhaust memory.
 */
export function decodePngImage(bytes: Uint8Array): Tensor {
  const header = readPngHeader(bytes);
  const { width, height } = header;
  if (width > MAX_PNG_SIDE || height > MAX_PNG_SIDE || width === 0 || height === 0) {
    throw new PngError(
      `png: the picture is ${width}×${height} but images must be between 1×1 and ${MAX_PNG_SIDE}×${MAX_PNG_SIDE}`,
    );
  }
  checkDataInflatesWithin(bytes, header, promisedDataBytes(header));
  let png: DecodedPng;
  try {
    png = decode(bytes);
  } catch (error) {
    throw new PngError(`png: could not decode (${error instanceof Error ? error.message : String(error)})`);
  }
  return png.palette ? paletteToTensor(png, png.palette) : samplesToTensor(png);
}

/** Gray / RGB with or without alpha. Depths below 8 arrive bit-packed, each row starting on a byte. */
function samplesToTensor(png: DecodedPng): Tensor {
  const { width, height, channels, depth, data } = png;
  const colourChannels = channels >= 3 ? 3 : 1;
  const maxValue = 2 ** depth - 1;
  const rowBytes = Math.ceil((width * channels * depth) / 8);
  const out = new Float32Array(colourChannels * height * width);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < colourChannels; c++) {
        const sampleIndex = x * channels + c;
        const raw =
          depth >= 8
            ? data[y * width * channels + sampleIndex]
            : packedSample(data, y * rowBytes, sampleIndex, depth);
        out[(c * height + y) * width + x] = (raw ?? 0) / maxValue;
      }
    }
  }
  return new Tensor([colourChannels, height, width], out);
}

function paletteToTensor(png: DecodedPng, palette: readonly (readonly number[])[]): Tensor {
  const { width, height, depth, data } = png;
  const rowBytes = Math.ceil((width * depth) / 8);
  const plane = width * height;
  const out = new Float32Array(3 * plane);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const index = depth >= 8 ? (data[y * width + x] ?? 0) : packedSample(data, y * rowBytes, x, depth);
      const colour = palette[index];
      if (colour === undefined) {
        throw new PngError(
          `png: pixel (${y}, ${x}) uses palette entry ${index} but the palette has ${palette.length}`,
        );
      }
      for (let c = 0; c < 3; c++) out[c * plane + y * width + x] = (colour[c] ?? 0) / 255;
    }
  }
  return new Tensor([3, height, width], out);
}

/** The n-th `depth`-bit sample of a row of packed bytes, most significant bits first. */
function packedSample(data: ArrayLike<number>, rowStart: number, n: number, depth: number): number {
  const bit = n * depth;
  const byte = data[rowStart + (bit >> 3)] ?? 0;
  return (byte >> (8 - depth - (bit & 7))) & ((1 << depth) - 1);
}
