import { encode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import type { CellValue } from '../../cell-value';
import { graphFixture } from '../graph-fixture.test-helper';
import { imageCell } from '../image-cell';

async function computeImage(params: Record<string, unknown>): Promise<CellValue> {
  return graphFixture([{ id: 'img', kind: 'image', params }], {}).compute(imageCell, 'img');
}

describe('image cell sources', () => {
  it('draws a sample and applies its transforms in order', async () => {
    const value = await computeImage({
      sample: { name: 'rgb-shapes', size: 8 },
      transforms: [{ op: 'grayscale' }, { op: 'resize', height: 4, width: 4, method: 'area' }],
    });
    expect(value.type === 'tensor' && value.tensor.shape).toEqual([1, 4, 4]);
  });

  it('decodes an uploaded PNG from base64', async () => {
    const png = encode({ width: 2, height: 1, data: new Uint8Array([0, 255]), depth: 8, channels: 1 });
    const value = await computeImage({ png: btoa(String.fromCharCode(...png)) });
    expect(value.type === 'tensor' && [...value.tensor.data]).toEqual([0, 1]);
  });

  it('still takes typed-in values', async () => {
    const value = await computeImage({ values: [[1, 2]] });
    expect(value.type === 'tensor' && value.tensor.shape).toEqual([1, 1, 2]);
  });

  it('needs exactly one source', () => {
    expect(imageCell.parseParams({ values: [[1]], sample: { name: 'noise' } }, 'params')).toEqual({
      problems: [
        { path: 'params', message: 'needs exactly one of values, sample, png; got values and sample' },
      ],
    });
  });

  it('reports a bad transform at its path', () => {
    const parsed = imageCell.parseParams(
      { sample: { name: 'noise' }, transforms: [{ op: 'shift', dx: 1 }] },
      'params',
    );
    expect(parsed).toEqual({
      problems: [{ path: 'params.transforms[0].dy', message: 'is required: an integer from -4096 to 4096' }],
    });
    expect(
      imageCell.parseParams({ sample: { name: 'noise' }, transforms: [{ op: 'blur' }] }, 'params'),
    ).toEqual({
      problems: [
        {
          path: 'params.transforms[0].op',
          message: 'must be one of "grayscale", "resize", "shift", "normalize", "crop", got "blur"',
        },
      ],
    });
  });
});
