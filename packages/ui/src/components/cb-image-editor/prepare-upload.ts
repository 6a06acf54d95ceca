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

/** Decodes any browser-supported picture, shrinks it if needed and re-encodes it as PNG (base64). */
export async function preparePicture(blob: Blob): Promise<PreparedPicture> {
  const bitmap = await createImageBitmap(blob);
  try {
    const size = fitWithin(bitmap.width, bitmap.height);
    const canvas = new OffscreenCanvas(size.width, size.height);
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This browser cannot draw the picture (no 2-D canvas).');
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, size.width, size.height);
    const png = await canvas.convertToBlob({ type: 'image/png' });
    const base64 = bytesToBase64(new Uint8Array(await png.arrayBuffer()));
    return {
      png: base64,
      width: size.width,
      height: size.height,
      ...(size.scaled ? { original: { width: bitmap.width, height: bitmap.height } } : {}),
    };
  } finally {
    bitmap.close();
  }
}
