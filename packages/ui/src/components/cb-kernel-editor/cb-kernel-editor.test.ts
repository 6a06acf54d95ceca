// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { CellParamsChangeEvent } from '../../events/cell-params-change';
import type { CbKernelEditor } from './cb-kernel-editor';
import './cb-kernel-editor';

const DIAGONAL = {
  values: [
    [1, 0],
    [0, -1],
  ],
  bias: [0],
};

async function mount(params: Record<string, unknown> = DIAGONAL) {
  const element = document.createElement('cb-kernel-editor');
  element.cellId = 'k';
  element.params = params;
  const sent: Readonly<Record<string, unknown>>[] = [];
  element.addEventListener('cell-params-change', (e: CellParamsChangeEvent) => sent.push(e.patch));
  document.body.append(element);
  await element.updateComplete;
  return { element, sent };
}

const root = (element: CbKernelEditor) => element.shadowRoot as ShadowRoot;

async function type(element: CbKernelEditor, selector: string, text: string): Promise<HTMLInputElement> {
  const input = root(element).querySelector<HTMLInputElement>(selector);
  if (!input) throw new Error(`no ${selector}`);
  input.value = text;
  input.dispatchEvent(new Event('change'));
  await element.updateComplete;
  return input;
}

const said = (element: CbKernelEditor, role: 'alert' | 'status') =>
  root(element).querySelector(`[role=${role}]`)?.textContent?.trim();

afterEach(() => document.body.replaceChildren());

describe('kernel editor', () => {
  it('says a typed word is not a number, keeps the weight and sends nothing', async () => {
    const { element, sent } = await mount();
    const input = await type(element, '[aria-label="weight row 1, column 1"]', 'abc');
    expect(said(element, 'alert')).toBe(
      'Weight row 1, column 1: “abc” is not a number; the old value, 1, is kept.',
    );
    expect(input.value).toBe('abc'); // left to be corrected; the grid still uses 1
    expect(sent).toEqual([]);
  });

  it('marks the refused field invalid, tied to the message, until a good number clears it', async () => {
    const { element, sent } = await mount();
    const input = await type(element, '[aria-label="weight row 1, column 2"]', 'abc');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const message = root(element).getElementById(input.getAttribute('aria-describedby') ?? '');
    expect(message?.textContent?.trim()).toMatch(/^Weight row 1, column 2: “abc” is not a number/);
    await type(element, '[aria-label="weight row 1, column 2"]', '0.5');
    expect(said(element, 'alert')).toBeUndefined();
    expect(input.hasAttribute('aria-invalid')).toBe(false);
    expect(input.hasAttribute('aria-describedby')).toBe(false);
    expect(sent).toHaveLength(1);
  });

  it('says 1e400 is too large rather than empty, and a cleared field is empty', async () => {
    const { element } = await mount();
    await type(element, '[aria-label="weight row 2, column 2"]', '1e400');
    expect(said(element, 'alert')).toBe(
      'Weight row 2, column 2: “1e400” is too large — numbers must stay within ±3.4 × 10³⁸; the old value, -1, is kept.',
    );
    const input = await type(element, '[aria-label="weight row 2, column 2"]', '');
    expect(said(element, 'alert')).toBe('Weight row 2, column 2 was left empty; the old value, -1, is kept.');
    expect(input.value).toBe('-1'); // never blank while -1 counts
  });

  it('reads the bias the same way', async () => {
    const { element, sent } = await mount();
    await type(element, '[aria-label="bias"]', 'NaN');
    expect(said(element, 'alert')).toBe('Bias: “NaN” is not a number; the old value, 0, is kept.');
    expect(sent).toEqual([]);
  });

  it('says a long typed number is stored rounded to 4 decimals', async () => {
    const { element, sent } = await mount();
    await type(element, '[aria-label="weight row 1, column 2"]', '0.123456789123');
    expect(sent.at(-1)?.values).toEqual([
      [1, 0.1235],
      [0, -1],
    ]);
    expect(said(element, 'alert')).toBeUndefined();
    expect(said(element, 'status')).toBe(
      'Weight row 1, column 2 is stored rounded to 4 decimals: 0.1235 (typed 0.123456789123).',
    );
  });

  it('shows the stored value of a weight kept at full precision in its tooltip', async () => {
    const { element } = await mount({ values: [[0.123456789]], bias: [0] });
    const input = root(element).querySelector<HTMLInputElement>('[aria-label="weight row 1, column 1"]');
    expect(input?.value).toBe('0.1235');
    expect(input?.title).toBe('Stored value: 0.123456789 (shown to 4 decimals)');
  });

  it('says why a gaussian size is not used instead of ignoring it', async () => {
    const { element, sent } = await mount({ gaussian: { size: 5, sigma: 1 } });
    await type(element, '#g-size', '0');
    expect(said(element, 'alert')).toBe(
      'Not applied: gaussian size must be a whole number ≥ 1 — got 0. The kernel is unchanged.',
    );
    await type(element, '#g-size', '');
    expect(said(element, 'alert')).toBe('Gaussian size was left empty; the old value, 5, is kept.');
    expect(sent).toEqual([]);
  });

  it('keeps the seed when its field is emptied, rather than sending seed 0', async () => {
    const { element, sent } = await mount({ random: { shape: [1, 1, 2, 2], seed: 7 } });
    await type(element, '#seed', '');
    expect(said(element, 'alert')).toBe('Seed was left empty; the old value, 7, is kept.');
    expect(sent).toEqual([]);
  });
});
