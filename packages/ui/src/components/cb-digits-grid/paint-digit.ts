/**
 * Paints a digit (values 0 paper … 1 ink) into a canvas at one canvas pixel per digit pixel, as dark ink
 * on white paper (how people picture handwriting, though MNIST stores ink as bright). CSS scales the canvas
 * up with `image-rendering: pixelated`, so each pixel stays a sharp square.
 */
export function paintDigit(
  canvas: HTMLCanvasElement,
  image: ArrayLike<number>,
  side: number,
  offset = 0,
): void {
  canvas.width = side;
  canvas.height = side;
  const context = canvas.getContext('2d');
  if (context === null) return;
  const pixels = context.createImageData(side, side);
  for (let i = 0; i < side * side; i++) {
    const ink = Math.min(1, Math.max(0, image[offset + i] ?? 0));
    const shade = Math.round(255 * (1 - ink));
    pixels.data[i * 4] = shade;
    pixels.data[i * 4 + 1] = shade;
    pixels.data[i * 4 + 2] = shade;
    pixels.data[i * 4 + 3] = 255;
  }
  context.putImageData(pixels, 0, 0);
}
