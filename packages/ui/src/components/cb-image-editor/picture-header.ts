/**
 * The size a picture file says it has, read from its header before any decoder sees it: a 389 KB PNG can
 * claim 20000×20000 and cost gigabytes once decoded. Only formats whose header this can read are
 * uploaded at all (PNG, JPEG, GIF, WebP, BMP); anything else is refused by name.
 */
export interface PictureSize {
  readonly format: 'PNG' | 'JPEG' | 'GIF' | 'WebP' | 'BMP';
  readonly width: number;
  readonly height: number;
}

/** Pixels a picture may have before it is shrunk: a 50-megapixel photo decodes to 200 MB of RGBA. */
export const MAX_DECODED_PIXELS = 50_000_000;

/** Thrown with a sentence meant for the person uploading. */
export class PictureError extends Error {
  override readonly name = 'PictureError';
}

const HEAD_BYTES = 64;
/** JPEG keeps its size in a frame header after any number of metadata segments; stop looking after this. */
const MAX_JPEG_SEGMENTS = 64;

/** Reads the size from the first bytes of the file (and, for JPEG, the segment headers up to its frame). */
export async function readPictureSize(blob: Blob): Promise<PictureSize> {
  const head = await bytesAt(blob, 0, HEAD_BYTES);
  const size = sizeFromHead(head) ?? (isJpeg(head) ? await jpegSize(blob) : undefined);
  if (size === undefined) {
    throw new PictureError(
      'That file is not a picture this app can read. Choose a PNG, JPEG, GIF or WebP file.',
    );
  }
  if (!(size.width >= 1 && size.height >= 1)) {
    throw new PictureError(
      `That ${size.format} file says it is ${size.width}×${size.height} pixels, which is empty.`,
    );
  }
  return size;
}

/** Refuses, from the header alone, a picture too big to decode safely. */
export function checkDecodable(size: PictureSize): void {
  const pixels = size.width * size.height;
  if (pixels <= MAX_DECODED_PIXELS) return;
  throw new PictureError(
    `That picture is ${size.width}×${size.height} (${millions(pixels)} million pixels); pictures up to ` +
      `${millions(MAX_DECODED_PIXELS)} million pixels can be uploaded (they are shrunk to fit anyway). ` +
      'Make it smaller first.',
  );
}

function millions(pixels: number): string {
  return (pixels / 1e6).toLocaleString('en-US', { maximumFractionDigits: 1 });
}

/** The formats whose size sits at a fixed place in the first bytes. */
export function sizeFromHead(b: Uint8Array): PictureSize | undefined {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const ascii = (start: number, text: string): boolean =>
    b.length >= start + text.length && [...text].every((c, i) => b[start + i] === c.charCodeAt(0));
  if (b.length >= 24 && b[0] === 0x89 && ascii(1, 'PNG') && ascii(12, 'IHDR')) {
    return { format: 'PNG', width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (b.length >= 10 && (ascii(0, 'GIF87a') || ascii(0, 'GIF89a'))) {
    return { format: 'GIF', width: view.getUint16(6, true), height: view.getUint16(8, true) };
  }
  if (b.length >= 26 && ascii(0, 'BM')) {
    return {
      format: 'BMP',
      width: Math.abs(view.getInt32(18, true)),
      height: Math.abs(view.getInt32(22, true)),
    };
  }
  if (b.length >= 30 && ascii(0, 'RIFF') && ascii(8, 'WEBP')) return webpSize(b, view);
  return undefined;
}

function webpSize(b: Uint8Array, view: DataView): PictureSize | undefined {
  const chunk = String.fromCharCode(...b.subarray(12, 16));
  if (chunk === 'VP8 ') {
    return {
      format: 'WebP',
      width: view.getUint16(26, true) & 0x3fff,
      height: view.getUint16(28, true) & 0x3fff,
    };
  }
  if (chunk === 'VP8L') {
    const bits = view.getUint32(21, true);
    return { format: 'WebP', width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X') {
    const uint24 = (at: number): number => (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) | ((b[at + 2] ?? 0) << 16);
    return { format: 'WebP', width: uint24(24) + 1, height: uint24(27) + 1 };
  }
  return undefined;
}

function isJpeg(b: Uint8Array): boolean {
  return b[0] === 0xff && b[1] === 0xd8;
}

/** Walks the segment headers (marker, 2-byte length) to the first start-of-frame, reading 9 bytes each. */
async function jpegSize(blob: Blob): Promise<PictureSize | undefined> {
  let at = 2;
  for (let segment = 0; segment < MAX_JPEG_SEGMENTS && at + 9 <= blob.size; segment++) {
    const b = await bytesAt(blob, at, 9);
    if (b[0] !== 0xff) return undefined;
    const marker = b[1] ?? 0;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    // SOF0…SOF15 except DHT (C4), JPG (C8) and DAC (CC) carry the frame size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
      return { format: 'JPEG', width: view.getUint16(7), height: view.getUint16(5) };
    }
    at += 2 + (((b[2] ?? 0) << 8) | (b[3] ?? 0));
  }
  return undefined;
}

async function bytesAt(blob: Blob, start: number, length: number): Promise<Uint8Array> {
  return new Uint8Array(await blob.slice(start, start + length).arrayBuffer());
}
