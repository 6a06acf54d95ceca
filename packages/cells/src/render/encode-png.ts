import { encode } from 'fast-png';
import type { RenderedImage } from './render-tensor';

/** An RGBA rendering as PNG file bytes (8-bit, 4 channels). */
export function encodeRenderedPng(image: RenderedImage): Uint8Array {
  return encode({ width: image.width, height: image.height, data: image.rgba, depth: 8, channels: 4 });
}
