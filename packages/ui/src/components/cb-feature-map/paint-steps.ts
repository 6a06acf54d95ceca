import { colourPlane, colourPlaneOnto, type Sampling } from '../../paint/colour-pixels';
import { sameAs } from './map-summary';
import { type ColourScale, paintComposite, planeSampling, scratchImage } from './paint-plane';
import { paintSize } from './paint-size';
import type { PlaneGeometry } from './plane-geometry';

/** A map to draw: its values, layout and the colour scale all its canvases share. */
export interface PaintTarget {
  readonly data: Float32Array;
  readonly geometry: PlaneGeometry;
  readonly scale: ColourScale;
}

/** What a canvas holds now: which map's values, which plane (-1: the colour picture), at which scale/size. */
interface Painted {
  data: Float32Array;
  readonly plane: number;
  readonly look: string;
}

const paintedOn = new WeakMap<HTMLCanvasElement, Painted>();

/** The scale and canvas size, as one string: a canvas painted with another look must be painted again. */
function lookOf(target: PaintTarget): string {
  const { kind, min, max } = target.scale;
  const size = paintSize(target.geometry);
  return `${kind}:${min}:${max}:${size.width}×${size.height}`;
}

/**
 * Whether `canvas` already shows its plane of `target`: painted from these values, or from the map just
 * before whose plane (all three, for the colour picture) held the same bits (map-summary.ts), at the same
 * look. An edit that changes one channel of a conv repaints one canvas, not sixteen.
 */
export function isCurrent(canvas: HTMLCanvasElement, target: PaintTarget, look = lookOf(target)): boolean {
  const painted = paintedOn.get(canvas);
  const plane = Number(canvas.dataset.channel);
  if (!painted || painted.plane !== plane || painted.look !== look) return false;
  if (painted.data === target.data) return true;
  const same = sameAs(target.data);
  if (!same || same.data !== painted.data) return false;
  const planes = plane === -1 ? [0, 1, 2] : [plane];
  if (!planes.every((p) => same.planes[p] === 1)) return false;
  painted.data = target.data; // so the canvas no longer holds the older map alive
  return true;
}

/** An ImageData over `words` (RGBA bytes) without copying them: for the moment of one putImageData. */
function imageOver(words: Uint32Array, width: number, height: number): ImageData {
  const bytes = new Uint8ClampedArray(words.buffer as ArrayBuffer, words.byteOffset, words.byteLength);
  return new ImageData(bytes, width, height);
}

/** Paints the canvases of `target` that are not current, yielding after each (the slice queue's steps). */
export function* paintSteps(
  canvases: readonly HTMLCanvasElement[],
  target: PaintTarget,
): Generator<void, void> {
  const { data, geometry, scale } = target;
  const look = lookOf(target);
  const size = paintSize(geometry);
  const planeSize = geometry.height * geometry.width;
  let sampling: Sampling | undefined;
  for (const canvas of canvases) {
    if (planeSize === 0 || !canvas.isConnected || isCurrent(canvas, target, look)) continue;
    const context = canvas.getContext('2d');
    if (!context) continue;
    const plane = Number(canvas.dataset.channel);
    sampling ??= planeSampling(geometry.height, geometry.width, size);
    // Big planes go from WASM memory straight onto the canvas; the rest through a kept ImageData.
    const direct =
      plane !== -1 &&
      colourPlaneOnto(
        (words) => context.putImageData(imageOver(words, size.width, size.height), 0, 0),
        data,
        plane * planeSize,
        geometry.width,
        sampling,
        scale,
      );
    if (!direct) {
      const { image, words } = scratchImage(size.width, size.height);
      if (plane === -1) paintComposite(data, geometry.height, geometry.width, size, image.data);
      else colourPlane(words, data, plane * planeSize, geometry.width, sampling, scale);
      context.putImageData(image, 0, 0);
    }
    paintedOn.set(canvas, { data, plane, look });
    yield;
  }
}
