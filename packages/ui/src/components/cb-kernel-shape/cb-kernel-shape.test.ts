// @vitest-environment happy-dom
import { tensor } from '@convbook/core';
import { afterEach, describe, expect, it } from 'vitest';
import type { KernelFilterSelectEvent } from '../../events/kernel-filter-select';
import type { KernelShapeChangeEvent } from '../../events/kernel-shape-change';
import type { CbKernelShape } from './cb-kernel-shape';
import './cb-kernel-shape';

const sobelX = tensor([
  [
    [
      [-1, 0, 1],
      [-2, 0, 2],
      [-1, 0, 1],
    ],
  ],
]);

async function mount(weights = sobelX, bias = Float32Array.of(0)): Promise<CbKernelShape> {
  const element = document.createElement('cb-kernel-shape');
  element.cellId = 'k';
  element.weights = weights;
  element.bias = bias;
  document.body.append(element);
  await element.updateComplete;
  return element;
}

const root = (element: CbKernelShape) => element.shadowRoot as ShadowRoot;
function field(element: CbKernelShape, label: string): HTMLInputElement {
  const labelElement = [...root(element).querySelectorAll('label')].find((l) => l.textContent === label);
  return root(element).getElementById(labelElement?.htmlFor ?? '') as HTMLInputElement;
}
async function type(element: CbKernelShape, label: string, text: string): Promise<void> {
  const input = field(element, label);
  input.value = text;
  input.dispatchEvent(new Event('change', { bubbles: true }));
  await element.updateComplete;
}

afterEach(() => document.body.replaceChildren());

describe('cb-kernel-shape', () => {
  it('shows the four sizes of the bank in labelled fields', async () => {
    const element = await mount();
    expect(['Rows', 'Columns', 'Channels', 'Kernels'].map((l) => field(element, l).value)).toEqual([
      '3',
      '3',
      '1',
      '1',
    ]);
    expect(field(element, 'Rows').placeholder).toBe('3');
    expect(root(element).querySelector('legend')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Kernel shape 1 kernel of 3×3 on 1 channel',
    );
  });

  it('makes the textbook 2×2 kernel in two edits, keeping the weights that fit', async () => {
    const element = await mount();
    const patches: KernelShapeChangeEvent[] = [];
    element.addEventListener('kernel-shape-change', (e) => patches.push(e));
    await type(element, 'Rows', '2');
    expect(patches.at(-1)?.patch).toMatchObject({
      values: [
        [-1, 0, 1],
        [-2, 0, 2],
      ],
      preset: undefined,
    });
    element.weights = tensor([
      [
        [
          [-1, 0, 1],
          [-2, 0, 2],
        ],
      ],
    ]); // the host applied the patch
    await element.updateComplete;
    await type(element, 'Columns', '2');
    expect(patches.at(-1)?.shape).toEqual({ kernels: 1, channels: 1, rows: 2, columns: 2 });
    expect(patches.at(-1)?.patch).toMatchObject({
      values: [
        [-1, 0],
        [-2, 0],
      ],
    });
  });

  it('makes a bank of several filters and lets one be picked for editing', async () => {
    const element = await mount();
    const changes: KernelShapeChangeEvent[] = [];
    element.addEventListener('kernel-shape-change', (e) => changes.push(e));
    await type(element, 'Kernels', '3');
    expect(changes[0]?.patch.values).toHaveLength(3);
    element.weights = tensor(changes[0]?.patch.values as number[][][][]);
    await element.updateComplete;
    const picks: KernelFilterSelectEvent[] = [];
    element.addEventListener('kernel-filter-select', (e) => picks.push(e));
    const select = root(element).querySelector('select') as HTMLSelectElement;
    expect([...select.options].map((o) => o.textContent)).toEqual([
      'Filter 1 of 3',
      'Filter 2 of 3',
      'Filter 3 of 3',
    ]);
    select.value = '2';
    select.dispatchEvent(new Event('change'));
    expect(picks.map((p) => p.kernel)).toEqual([2]);
  });

  it('flags an invalid or cleared field in place, says what stays in use, and changes nothing', async () => {
    const element = await mount();
    let changes = 0;
    element.addEventListener('kernel-shape-change', () => changes++);
    await type(element, 'Rows', '0');
    const rows = field(element, 'Rows');
    expect(rows.getAttribute('aria-invalid')).toBe('true');
    const error = root(element).getElementById(rows.getAttribute('aria-describedby') ?? '');
    expect(error?.textContent).toBe('Rows must be a whole number from 1 to 64 — got 0; still 3 rows');
    await type(element, 'Columns', '');
    expect(root(element).querySelector('.field.invalid:nth-child(2) .error')?.textContent).toBe(
      'Columns is empty — still 3 columns',
    );
    expect(changes).toBe(0);
  });

  it('says a size it could not read is not a whole number, rather than that the field is empty', async () => {
    const element = await mount();
    let changes = 0;
    element.addEventListener('kernel-shape-change', () => changes++);
    const rows = field(element, 'Rows');
    // What a number input reports for text it cannot read ("1e", "-"): an empty value, flagged badInput.
    Object.defineProperty(rows, 'validity', { value: { badInput: true }, configurable: true });
    rows.value = '';
    rows.dispatchEvent(new Event('change', { bubbles: true }));
    await element.updateComplete;
    expect(root(element).getElementById(rows.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Rows is not a whole number — still 3 rows',
    );
    expect(changes).toBe(0);
  });

  it('offers to match the input channels when they cannot fit', async () => {
    const element = await mount(tensor([[[[1]], [[2]]]]));
    element.inputChannels = 3;
    await element.updateComplete;
    const changes: KernelShapeChangeEvent[] = [];
    element.addEventListener('kernel-shape-change', (e) => changes.push(e));
    const button = root(element).querySelector('.hint button') as HTMLButtonElement;
    expect(button.textContent).toBe('Match the input (3)');
    button.click();
    expect(changes[0]?.shape.channels).toBe(3);
    expect(changes[0]?.patch.values).toEqual([[[[1]], [[2]], [[0]]]]);
  });
});
