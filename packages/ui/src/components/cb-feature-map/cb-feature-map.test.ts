// @vitest-environment happy-dom
import { Tensor } from '@convbook/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { CbFeatureMap } from './cb-feature-map';
import './cb-feature-map';

async function show(tensor: Tensor): Promise<ShadowRoot> {
  const map = document.createElement('cb-feature-map') as CbFeatureMap;
  map.tensor = tensor;
  document.body.append(map);
  await map.updateComplete;
  return map.shadowRoot as ShadowRoot;
}

const text = (element: Element | null | undefined) => element?.textContent?.replace(/\s+/g, ' ').trim();

afterEach(() => document.body.replaceChildren());

describe('cb-feature-map legend', () => {
  it('draws a colour bar from the least to the greatest value', async () => {
    const root = await show(new Tensor([3], new Float32Array([-2, 0.5, 1])));
    expect(text(root.querySelector('.legend .min'))).toBe('−2');
    expect(text(root.querySelector('.legend .max'))).toBe('2');
    expect(root.querySelector('.legend-flat')).toBeNull();
  });

  it('names the one value of a flat map, with its colour, instead of a bar from 3.56 to 3.56', async () => {
    const root = await show(new Tensor([1], new Float32Array([3.5584])));
    expect(root.querySelector('.legend')).toBeNull();
    expect(text(root.querySelector('.legend-flat'))).toBe('every value is 3.558');
    // A flat gray map is mid-gray (render/colormap.ts): level round(255 · 0.5) = 128.
    const swatch = root.querySelector('.flat-swatch') as HTMLElement;
    expect(swatch.style.background.replace(/\s/g, '')).toBe('rgb(128,128,128)');
  });

  it('shows an all-zero signed map as the colour of zero', async () => {
    const map = document.createElement('cb-feature-map') as CbFeatureMap;
    map.scale = 'diverging';
    map.tensor = new Tensor([2, 2], new Float32Array(4));
    document.body.append(map);
    await map.updateComplete;
    const root = map.shadowRoot as ShadowRoot;
    expect(text(root.querySelector('.legend-flat'))).toBe('every value is 0');
    const swatch = root.querySelector('.flat-swatch') as HTMLElement;
    expect(swatch.style.background.replace(/\s/g, '')).toBe('rgb(247,247,247)');
  });
});

describe('cb-feature-map, no finite value', () => {
  it('names no value when every value is NaN, only how many are', async () => {
    const map = document.createElement('cb-feature-map') as CbFeatureMap;
    map.scale = 'diverging';
    map.tensor = new Tensor([3], new Float32Array([Number.NaN, Number.NaN, Number.NaN]));
    document.body.append(map);
    await map.updateComplete;
    const root = map.shadowRoot as ShadowRoot;
    expect(root.querySelector('.legend-flat')).toBeNull();
    expect(text(root.querySelector('.nan'))).toBe('3 pixels are NaN or infinite (magenta)');
  });
});

describe('cb-feature-map index axis', () => {
  it('writes 0–9 under ten class scores, each centred on its tile column', async () => {
    const root = await show(
      new Tensor(
        [10],
        Float32Array.from({ length: 10 }, (_, i) => i - 4),
      ),
    );
    const labels = [...root.querySelectorAll('.index-axis span')] as HTMLElement[];
    expect(labels.map((label) => label.textContent)).toEqual([
      '0',
      '1',
      '2',
      '3',
      '4',
      '5',
      '6',
      '7',
      '8',
      '9',
    ]);
    expect(labels[0]?.style.left).toBe('5%');
    expect(labels[9]?.style.left).toBe('95%');
  });

  it('leaves two-dimensional maps without one', async () => {
    const root = await show(new Tensor([2, 3], new Float32Array([0, -1, -1, -1, 1, 2])));
    expect(root.querySelector('.index-axis')).toBeNull();
  });
});
