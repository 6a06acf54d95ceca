/**
 * A big bank (256 kernels × 64 channels of 8×8 is a million weights) cannot be one number input per weight:
 * the page would stop answering. The editor shows one page of planes (kernel k, channel c) at a time, at
 * most MAX_INPUTS_PER_PAGE inputs (a page renders in milliseconds), in bank order, with the heat
 * map of the same planes beside it.
 */
export const MAX_INPUTS_PER_PAGE = 256;

export interface KernelPage {
  /** Index of the first plane on the page, in bank order (kernel-major). */
  readonly start: number;
  readonly count: number;
  readonly page: number;
  readonly pages: number;
  readonly planes: number;
}

/** The page `page` of a bank of shape [O, C, kh, kw], clamped to the pages there are. */
export function kernelPage(shape: readonly [number, number, number, number], page: number): KernelPage {
  const [o, c, kh, kw] = shape;
  const planes = o * c;
  const perPage = Math.max(1, Math.floor(MAX_INPUTS_PER_PAGE / Math.max(1, kh * kw)));
  const pages = Math.max(1, Math.ceil(planes / perPage));
  const clamped = Math.min(pages - 1, Math.max(0, Math.floor(page) || 0));
  const start = clamped * perPage;
  return { start, count: Math.min(perPage, planes - start), page: clamped, pages, planes };
}

/** The page that shows kernel `kernel` (0-based), channel 0. */
export function pageOfKernel(shape: readonly [number, number, number, number], kernel: number): number {
  const [, c, kh, kw] = shape;
  const perPage = Math.max(1, Math.floor(MAX_INPUTS_PER_PAGE / Math.max(1, kh * kw)));
  return Math.floor((kernel * c) / perPage);
}

/** "kernel 3, channel 2" for plane 3·C + 1 (1-based words for 0-based indices). */
export function planeName(plane: number, channels: number): string {
  return `kernel ${Math.floor(plane / channels) + 1}, channel ${(plane % channels) + 1}`;
}

/** The kernels that have a plane on the page, first and last (0-based, inclusive). */
export function kernelsOnPage(page: KernelPage, channels: number): { first: number; last: number } {
  return {
    first: Math.floor(page.start / channels),
    last: Math.floor((page.start + page.count - 1) / channels),
  };
}
