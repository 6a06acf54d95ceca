import { describe, expect, it } from 'vitest';
import type { CellSpec } from '../document/notebook-document';
import { convCell } from '../kinds/conv-cell';
import { imageCell } from '../kinds/image-cell';
import { kernelCell } from '../kinds/kernel-cell';
import { runKind, tensorOf } from '../kinds/run-kind.test-helper';
import { describeKernelBroadcast } from './kernel-broadcast';

function merge(params: Readonly<Record<string, unknown>>, patch: Readonly<Record<string, unknown>>) {
  const out: Record<string, unknown> = { ...params, ...patch };
  for (const [key, value] of Object.entries(patch)) if (value === undefined) delete out[key];
  return out;
}

const imageSpec: CellSpec = {
  id: 'photo',
  kind: 'image',
  title: 'Colour shapes',
  params: { sample: { name: 'rgb-shapes', size: 8 } },
};
const kernelSpec: CellSpec = { id: 'k', kind: 'kernel', params: { preset: 'sobel-x', bias: [0.25] } };

async function context(image = imageSpec, kernel = kernelSpec) {
  return {
    inputCell: image,
    inputValue: await runKind(imageCell, { ...image.params }),
    kernelCell: kernel,
    kernelValue: await runKind(kernelCell, { ...kernel.params }),
  };
}

describe('describeKernelBroadcast', () => {
  it('says in words that a 3×3 kernel acts as 3×3×3 on a colour picture', async () => {
    const notice = await describeKernelBroadcast(await context());
    expect(notice?.readout).toBe(
      "kernel 3×3 on 1 channel, repeated over the input's 3 channels: the kernel is applied to every channel and the 3 results are added, so it acts as 3×3×3",
    );
    expect(notice?.appliedShape).toBe('3×3×3 (one 3×3 slice repeated)');
    expect(notice?.fixes.map((f) => f.label)).toEqual(['Convert to grayscale', 'Make kernel 3-channel']);
  });

  it('"Make kernel 3-channel" writes the kernel out and leaves the map exactly as it was', async () => {
    const ctx = await context();
    const fix = describeKernelBroadcast(ctx)?.fixes.find((f) => f.id === 'expand-kernel');
    expect(fix?.edit.cellId).toBe('k');
    const expanded = await runKind(kernelCell, merge(kernelSpec.params ?? {}, fix?.edit.patch ?? {}));
    expect(expanded.type === 'kernel' && expanded.weights.shape).toEqual([1, 3, 3, 3]);
    const before = tensorOf(await runKind(convCell, {}, { input: ctx.inputValue, kernel: ctx.kernelValue }));
    const after = tensorOf(await runKind(convCell, {}, { input: ctx.inputValue, kernel: expanded }));
    expect(Array.from(after.data)).toEqual(Array.from(before.data));
    expect(describeKernelBroadcast({ ...ctx, kernelValue: expanded })).toBeUndefined();
  });

  it('"Convert to grayscale" appends a grayscale step, after which nothing is broadcast', async () => {
    const ctx = await context();
    const fix = describeKernelBroadcast(ctx)?.fixes.find((f) => f.id === 'grayscale');
    const params = merge(imageSpec.params ?? {}, fix?.edit.patch ?? {});
    expect(params.transforms).toEqual([{ op: 'grayscale' }]);
    const gray = await runKind(imageCell, params);
    expect(describeKernelBroadcast({ ...ctx, inputValue: gray })).toBeUndefined();
  });

  it('offers no grayscale for a feature map, and says "each of the 2 kernels" for a bank', async () => {
    const ctx = await context(imageSpec, {
      id: 'bank',
      kind: 'kernel',
      params: { random: { shape: [2, 1, 3, 3], seed: 1 } },
    });
    const notice = describeKernelBroadcast({ ...ctx, inputCell: { id: 'conv1', kind: 'conv' } });
    expect(notice?.readout).toContain('each of the 2 kernels is applied to every channel');
    expect(notice?.fixes.map((f) => f.id)).toEqual(['expand-kernel']);
  });

  it('stays quiet when channels already match', async () => {
    const ctx = await context({
      id: 'g',
      kind: 'image',
      params: {
        values: [
          [1, 2],
          [3, 4],
        ],
      },
    });
    expect(describeKernelBroadcast(ctx)).toBeUndefined();
  });
});
