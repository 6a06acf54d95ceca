import { checkDecodable, PictureError, type PictureSize, readPictureSize } from './picture-header';

/**
 * Uploaded pictures are stored inside the notebook (base64 PNG in params.png), so they are shrunk first:
 * nobody needs a 4000-pixel photo to watch a 3×3 kernel work, and share links must stay small.
 */
export const MAX_UPLOAD_SIDE = 512;

/** The size to draw at: unchanged when it fits, else scaled to fit `maxSide` keeping the aspect ratio. */
export function fitWithin(
  width: number,
  height: number,
  maxSide = MAX_UPLOAD_SIDE,
): { width: number; height: number; scaled: boolean } {
  const longest = Math.max(width, height);
  if (longest <= maxSide) return { width, height, scaled: false };
  const factor = maxSide / longest;
  return {
    width: Math.max(1, Math.round(width * factor)),
    height: Math.max(1, Math.round(height * factor)),
    scaled: true,
  };
}

/** Standard base64 of bytes, in chunks so a large picture does not overflow the argument list. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

export interface PreparedPicture {
  readonly png: string;
  readonly width: number;
  readonly height: number;
  /** Set when the picture was shrunk: its original size. */
  readonly original?: { readonly width: number; readonly height: number };
}

/**
 * Reads the picture's size from its header (refusing one too big to decode), decodes it already scaled
 * to fit, and re-encodes it as PNG (base64). Every error is a PictureError with a sentence for the user.
 */
export async function preparePicture(blob: Blob): Promise<PreparedPicture> {
  const header = await readPictureSize(blob);
  checkDecodable(header);
  const bitmap = await decodeScaled(blob, header);
  try {
    const size = fitWithin(bitmap.width, bitmap.height);
    const canvas = new OffscreenCanvas(size.width, size.height);
    const context = canvas.getContext('2d');
    if (!context) throw new PictureError('This browser cannot draw the picture (it has no 2-D canvas).');
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, size.width, size.height);
    const png = await canvas.convertToBlob({ type: 'image/png' });
    const base64 = bytesToBase64(new Uint8Array(await png.arrayBuffer()));
    const scaled = size.width !== header.width || size.height !== header.height;
    return {
      png: base64,
      width: size.width,
      height: size.height,
      ...(scaled ? { original: { width: header.width, height: header.height } } : {}),
    };
  } finally {
    bitmap.close();
  }
}

/**
 * Lets the decoder scale while it decodes. Only the longer side is given, so the aspect ratio holds even
 * when a JPEG's orientation swaps the sides; the canvas fits the result again.
 */
async function decodeScaled(blob: Blob, header: PictureSize): Promise<ImageBitmap> {
  const fit = fitWithin(header.width, header.height);
  const resize = !fit.scaled
    ? {}
    : header.width >= header.height
      ? { resizeWidth: fit.width }
      : { resizeHeight: fit.height };
  try {
    return await createImageBitmap(blob, { ...resize, resizeQuality: 'high' });
  } catch {
    throw new PictureError(`That ${header.format} file could not be decoded; it may be damaged.`);
  }
}
