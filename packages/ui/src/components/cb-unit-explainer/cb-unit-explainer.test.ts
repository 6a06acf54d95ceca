// @vitest-environment happy-dom
import type { CellValue } from '@convbook/cells';
import { conv2d, type Tensor, tensor } from '@convbook/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { UnitSelectEvent } from '../../events/unit-select';
import { type CbUnitExplainer, PLAY_INTERVAL_MS } from './cb-unit-explainer';
import './cb-unit-explainer';

const gridTensor = tensor([
  [
    [1, 2, 0, 1],
    [0, 1, 3, 1],
    [2, 1, 0, 1],
  ],
]);
const grid: CellValue = { type: 'tensor', tensor: gridTensor };
const weights = tensor([
  [
    [
      [1, 0],
      [0, -1],
    ],
  ],
]);
const kernel: CellValue = { type: 'kernel', weights, bias: Float32Array.of(0.5) };

async function mount(params: Record<string, unknown> = {}, output?: Tensor): Promise<CbUnitExplainer> {
  const element = document.createElement('cb-unit-explainer');
  element.cellId = 'conv1';
  element.label = "Convolution 'Edges'";
  element.cell = { kind: 'conv', params };
  element.inputs = { input: grid, kernel };
  element.output = output ?? conv2d(gridTensor, weights, { bias: [0.5], ...params });
  document.body.append(element);
  await element.updateComplete;
  return element;
}

const root = (element: CbUnitExplainer) => element.shadowRoot as ShadowRoot;
const texts = (element: CbUnitExplainer, selector: string) =>
  [...root(element).querySelectorAll(selector)].map((node) => node.textContent?.replace(/\s+/g, ' ').trim());
const live = (element: CbUnitExplainer) => root(element).querySelector('[aria-live]') as HTMLElement;
const map = (element: CbUnitExplainer) => root(element).querySelector('.plane[tabindex="0"]') as HTMLElement;
const button = (element: CbUnitExplainer, name: string) =>
  [...root(element).querySelectorAll('button')].find(
    (b) => b.textContent?.trim() === name,
  ) as HTMLButtonElement;

afterEach(() => {
  document.body.replaceChildren();
  vi.useRealTimers();
});

describe('cb-unit-explainer', () => {
  it('shows the patch, the kernel, the products, the sum, the bias and the value of the selected unit', async () => {
    const element = await mount();
    element.unit = { channel: 0, y: 1, x: 2 };
    await element.updateComplete;
    const tables = [...root(element).querySelectorAll('table')].map((table) =>
      [...table.querySelectorAll('td')].map((td) => td.textContent?.trim()),
    );
    expect(tables).toEqual([
      ['3', '1', '0', '1'],
      ['1', '0', '0', '−1'],
      ['3', '0', '0', '−1'],
    ]);
    expect(texts(element, '.formula')).toEqual([
      '3 × 1 + 1 × 0 + 0 × 0 + 1 × (−1) = 2',
      '2 + bias 0.5 = 2.5',
    ]);
    expect(texts(element, '.result')).toEqual(['= 2.5 (the map shows 2.5)']);
    expect(live(element).getAttribute('aria-live')).toBe('polite');
    expect(live(element).textContent).toContain('Row 2, column 3 of map 1');
  });

  it('moves the unit with arrow keys on the focusable map and announces each one', async () => {
    const element = await mount();
    const selected: UnitSelectEvent['unit'][] = [];
    element.addEventListener('unit-select', (event) => selected.push(event.unit));
    map(element).focus();
    expect(root(element).activeElement).toBe(map(element));
    map(element).dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }));
    map(element).dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true }));
    map(element).dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', bubbles: true })); // stays on the map
    await element.updateComplete;
    expect(selected).toEqual([
      { channel: 0, y: 0, x: 1 },
      { channel: 0, y: 1, x: 1 },
    ]);
    expect(live(element).textContent).toContain(
      'Row 2, column 2 of map 1: 1 × 1 + 3 × 0 + 1 × 0 + 0 × (−1) = 1',
    );
    expect(map(element).getAttribute('aria-label')).toContain('selected row 2, column 2, value 1.5');
  });

  it('selects the unit under a click', async () => {
    const element = await mount();
    const click = new MouseEvent('click', { bubbles: true });
    const zoom = Number.parseFloat(map(element).style.width) / 3;
    Object.defineProperties(click, { offsetX: { value: zoom * 2.5 }, offsetY: { value: zoom * 0.5 } });
    map(element).dispatchEvent(click);
    await element.updateComplete;
    expect(element.unit).toEqual({ channel: 0, y: 0, x: 2 });
  });

  it('plays the window across the map, silent while playing, and stops at the last unit', async () => {
    vi.useFakeTimers();
    const element = await mount();
    button(element, 'Play').click();
    await element.updateComplete;
    expect(button(element, 'Pause').getAttribute('aria-pressed')).toBe('true');
    expect(live(element).getAttribute('aria-live')).toBe('off');
    vi.advanceTimersByTime(PLAY_INTERVAL_MS * 2);
    await element.updateComplete;
    expect(element.unit).toEqual({ channel: 0, y: 0, x: 2 });
    vi.advanceTimersByTime(PLAY_INTERVAL_MS * 10);
    await element.updateComplete;
    expect(element.unit).toEqual({ channel: 0, y: 1, x: 2 });
    expect(button(element, 'Play').getAttribute('aria-pressed')).toBe('false');
    expect(button(element, 'Step').getAttribute('aria-disabled')).toBe('true');
  });

  it('steps back and forth by hand, and Escape on the map pauses playback', async () => {
    vi.useFakeTimers();
    const element = await mount();
    expect(button(element, 'Step back').getAttribute('aria-disabled')).toBe('true');
    for (const name of ['Step', 'Step', 'Step back']) {
      button(element, name).click();
      await element.updateComplete;
    }
    expect(element.unit).toEqual({ channel: 0, y: 0, x: 1 });
    button(element, 'Play').click();
    await element.updateComplete;
    map(element).dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await element.updateComplete;
    vi.advanceTimersByTime(PLAY_INTERVAL_MS * 3);
    expect(element.unit).toEqual({ channel: 0, y: 0, x: 1 });
    expect(button(element, 'Play')).toBeDefined();
  });

  it('marks padded cells, says what they hold, and draws the padding frame', async () => {
    const element = await mount({ padding: 1, paddingMode: 'replicate' });
    const padded = [...root(element).querySelectorAll('td.pad')].map((td) => td.getAttribute('title'));
    expect(padded.slice(0, 3)).toEqual([
      'padding: copy of row 1, column 1',
      'padding: copy of row 1, column 1',
      'padding: copy of row 1, column 1',
    ]);
    expect(root(element).querySelector('.frame')).not.toBeNull();
    expect(texts(element, '.note')).toContain(
      '3 of the 4 window cells are padding (replicate copies of edge cells).',
    );
  });

  it('marks the chosen maximum of a pool window', async () => {
    const element = await mount();
    element.cell = { kind: 'pool', params: { kind: 'max', size: 2 } };
    element.inputs = { input: grid };
    element.output = tensor([[[2, 3]]]);
    element.unit = { channel: 0, y: 0, x: 1 };
    await element.updateComplete;
    expect(texts(element, 'td.chosen')).toEqual(['largest, 3']);
    expect(texts(element, '.formula')).toEqual(['max(0, 1, 3, 1) = 3']);
  });

  it('picks the map of another kernel and the input channel to show with selects', async () => {
    const plane = (gridTensor.toArray() as number[][][])[0] as number[][];
    const rgb = tensor([plane, plane, plane]);
    const bank = tensor([
      [
        [
          [1, 0],
          [0, -1],
        ],
      ],
      [
        [
          [0, 1],
          [1, 0],
        ],
      ],
    ]);
    const element = await mount();
    element.inputs = {
      input: { type: 'tensor', tensor: rgb },
      kernel: { type: 'kernel', weights: bank, bias: Float32Array.of(0, 0) },
    };
    element.output = tensor(
      new Array(2).fill(0).map(() => [
        [0, 0, 0],
        [0, 0, 0],
      ]),
    );
    await element.updateComplete;
    const selects = [...root(element).querySelectorAll('select')];
    expect(selects.map((s) => root(element).querySelector(`label[for="${s.id}"]`)?.textContent)).toEqual([
      'Map',
      'Input channel shown',
    ]);
    const picked: UnitSelectEvent['unit'][] = [];
    element.addEventListener('unit-select', (e) => picked.push(e.unit));
    (selects[0] as HTMLSelectElement).value = '1';
    selects[0]?.dispatchEvent(new Event('change'));
    (selects[1] as HTMLSelectElement).value = '2';
    selects[1]?.dispatchEvent(new Event('change'));
    await element.updateComplete;
    expect(picked).toEqual([{ channel: 1, y: 0, x: 0 }]);
    expect(texts(element, 'figcaption')).toContain('Input 3×4, channel 3 of 3');
    // kernel 2 = [[0, 1], [1, 0]] over three equal channels: 3 × (2 + 0) = 6 at the first unit
    expect(texts(element, '.formula')[0]).toMatch(/^1 × 0 \+ 2 × 1 \+ .* = 6$/);
  });

  it('says why it cannot explain instead of failing', async () => {
    const element = await mount();
    element.inputs = { input: grid };
    await element.updateComplete;
    expect(texts(element, '.reason')).toEqual(['Cannot explain this unit: the kernel has no value yet.']);
  });
});
