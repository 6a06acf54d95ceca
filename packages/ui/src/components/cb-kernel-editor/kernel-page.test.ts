import { describe, expect, it } from 'vitest';
import { kernelPage, kernelsOnPage, MAX_INPUTS_PER_PAGE, pageOfKernel, planeName } from './kernel-page';

describe('kernelPage', () => {
  it('keeps a small bank on one page', () => {
    expect(kernelPage([4, 3, 3, 3], 0)).toEqual({ start: 0, count: 12, page: 0, pages: 1, planes: 12 });
  });

  it('splits the 2^20-weight bank into pages of at most 256 inputs', () => {
    const bank = [256, 64, 8, 8] as const;
    const first = kernelPage(bank, 0);
    expect(first).toEqual({ start: 0, count: 4, page: 0, pages: 4096, planes: 16384 });
    expect(first.count * 64).toBeLessThanOrEqual(MAX_INPUTS_PER_PAGE);
    expect(kernelPage(bank, 4095)).toEqual({
      start: 16380,
      count: 4,
      page: 4095,
      pages: 4096,
      planes: 16384,
    });
    expect(kernelPage(bank, 5000).page).toBe(4095);
    expect(kernelPage(bank, -3).page).toBe(0);
    expect(kernelPage(bank, Number.NaN).page).toBe(0);
  });

  it('gives a plane bigger than a page a page of its own', () => {
    expect(kernelPage([2, 1, 64, 64], 1)).toEqual({ start: 1, count: 1, page: 1, pages: 2, planes: 2 });
  });

  it('finds the page of a kernel and names the planes', () => {
    const bank = [256, 64, 8, 8] as const;
    expect(pageOfKernel(bank, 200)).toBe(3200);
    expect(kernelsOnPage(kernelPage(bank, 3200), 64)).toEqual({ first: 200, last: 200 });
    expect(planeName(64 * 200 + 5, 64)).toBe('kernel 201, channel 6');
    expect(kernelsOnPage(kernelPage([100, 1, 3, 3], 0), 1)).toEqual({ first: 0, last: 27 });
  });
});
