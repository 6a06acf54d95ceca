import { Unzlib } from 'fflate';
import { PngError } from './png-error';

/**
 * A PNG's header promises how many bytes its image data inflates to; a hostile file can promise 1×1 and
 * inflate to a gigabyte. This inflates the data in small steps, counting, and refuses the file as soon as
 * it passes the promise, so memory stays within what the header (already size-checked) allows.
 */

/** Compressed bytes fed per step: deflate expands at most ~1032×, so one step makes at most ~4 MB. */
const STEP_BYTES = 4096;
const CHANNELS_OF_COLOUR_TYPE: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
/** Adam7's seven passes: first column and row, then the step between columns and rows. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

export interface PngHeader {
  readonly width: number;
  readonly height: number;
  readonly depth: number;
  readonly colourType: number;
  readonly interlaced: boolean;
}

/** Bytes of filtered scanlines (each row led by its filter byte) that the header promises. */
export function promisedDataBytes(header: PngHeader): number {
  const channels = CHANNELS_OF_COLOUR_TYPE[header.colourType];
  if (channels === undefined) throw new PngError(`png: unknown colour type ${header.colourType}`);
  const rowBytes = (width: number): number => Math.ceil((width * channels * header.depth) / 8);
  if (!header.interlaced) return header.height * (1 + rowBytes(header.width));
  let total = 0;
  for (const [x0, y0, dx, dy] of ADAM7) {
    const width = Math.ceil((header.width - x0) / dx);
    const height = Math.ceil((header.height - y0) / dy);
    if (width > 0 && height > 0) total += height * (1 + rowBytes(width));
  }
  return total;
}

/** Inflates every IDAT chunk's data, counting, and throws a PngError once the count passes `limit`. */
export function checkDataInflatesWithin(bytes: Uint8Array, header: PngHeader, limit: number): void {
  let produced = 0;
  const inflater = new Unzlib((chunk) => {
    produced += chunk.length;
  });
  const overflow = (): PngError =>
    new PngError(
      `png: the image data inflates to more than the ${limit} bytes a ${header.width}×${header.height} picture holds; the file is damaged or hostile`,
    );
  try {
    for (const data of idatChunks(bytes)) {
      for (let at = 0; at < data.length; at += STEP_BYTES) {
        inflater.push(data.subarray(at, at + STEP_BYTES), false);
        if (produced > limit) throw overflow();
      }
    }
    inflater.push(new Uint8Array(0), true);
  } catch (error) {
    if (error instanceof PngError) throw error;
    throw new PngError('png: the image data is damaged (it does not inflate)');
  }
  if (produced > limit) throw overflow();
}

/** The data of each IDAT chunk, in order; chunk lengths are checked against the file's end. */
function* idatChunks(bytes: Uint8Array): Generator<Uint8Array> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 8;
  while (at + 8 <= bytes.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const start = at + 8;
    if (start + length > bytes.length)
      throw new PngError(`png: the ${type} chunk runs past the end of the file`);
    if (type === 'IDAT') yield bytes.subarray(start, start + length);
    if (type === 'IEND') return;
    at = start + length + 4; // data, then the CRC
  }
}
