import { DIGIT_PIXELS } from './digits-data';

// A drawn digit as the document stores it: 28×28 bytes in base64, 0 paper … 255 ink.

/** 28×28 values in 0–1 → base64 of one byte each (what the canvas writes into `pixels`). */
export function encodeDigitPixels(image: Float32Array): string {
  let binary = '';
  for (let i = 0; i < DIGIT_PIXELS; i++) {
    binary += String.fromCharCode(Math.round(Math.min(1, Math.max(0, image[i] ?? 0)) * 255));
  }
  return btoa(binary);
}

export function decodeDigitPixels(text: string): Float32Array {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    throw new Error('is not base64');
  }
  if (binary.length !== DIGIT_PIXELS)
    throw new Error(`holds ${binary.length} bytes; a 28×28 digit needs 784`);
  const out = new Float32Array(DIGIT_PIXELS);
  for (let i = 0; i < DIGIT_PIXELS; i++) out[i] = binary.charCodeAt(i) / 255;
  return out;
}
