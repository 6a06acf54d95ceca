/** Thrown for bytes that are not a usable PNG; the message says what was wrong, in numbers when it can. */
export class PngError extends Error {
  override readonly name = 'PngError';
}
