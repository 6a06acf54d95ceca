/**
 * What an absent optional parameter means when the kind's schema leaves the default to core: conv's stride
 * and dilation are 1, the leak is core's 0.01, pooling steps by its own window size, and the peak filters
 * are off (every local maximum counts). Shown as the empty
 * input's placeholder so a student reads "stride 1", not a blank box.
 */
export function implicitDefault(
  kind: string,
  name: string,
  params: Readonly<Record<string, unknown>>,
): string | undefined {
  if (kind === 'conv') return CONV_DEFAULTS[name];
  if (kind === 'peaks') return PEAKS_DEFAULTS[name];
  if (kind === 'pool' && name === 'stride') {
    const size = params.size;
    if (typeof size === 'number') return String(size);
    if (Array.isArray(size)) return size.join(', ');
    return undefined;
  }
  return undefined;
}

const CONV_DEFAULTS: Readonly<Record<string, string>> = {
  stride: '1',
  dilation: '1',
  // core's leaky-relu slope when none is given (activations.ts keeps it private).
  alpha: '0.01',
};

/** findPeaks applies a filter only when given one; a distance of 1 keeps every maximum. */
const PEAKS_DEFAULTS: Readonly<Record<string, string>> = {
  minHeight: 'none',
  minProminence: 'none',
  minDistance: '1',
};

/**
 * An empty number box's placeholder: the value that applies, marked as the default so the grey "1" is not
 * read as a typed 1.
 */
export function defaultPlaceholder(fallback: string | undefined): string {
  return fallback === undefined ? '' : `${fallback} (default)`;
}
