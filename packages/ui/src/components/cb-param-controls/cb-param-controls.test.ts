// @vitest-environment happy-dom
import { cellKindSchemas } from '@convbook/cells';
import { afterEach, describe, expect, it } from 'vitest';
import { describeKinds } from '../../catalog/kind-catalog';
import type { CellParamsChangeEvent } from '../../events/cell-params-change';
import type { CbParamControls } from './cb-param-controls';
import './cb-param-controls';

const kinds = describeKinds(cellKindSchemas);

async function mount(kind: string, params: Record<string, unknown>): Promise<CbParamControls> {
  const element = document.createElement('cb-param-controls');
  element.cellId = 'c';
  element.kind = kind;
  element.controls = kinds.find((k) => k.kind === kind)?.controls ?? [];
  element.params = params;
  document.body.append(element);
  await element.updateComplete;
  return element;
}

const root = (element: CbParamControls) => element.shadowRoot as ShadowRoot;
const labels = (element: CbParamControls, within: string) =>
  [...root(element).querySelectorAll(`${within} label`)].map((l) => l.textContent?.trim());
const buttons = (element: CbParamControls) =>
  [...root(element).querySelectorAll('button')].map((b) => b.textContent?.trim());
const input = (element: CbParamControls, id: string) => root(element).getElementById(id) as HTMLInputElement;

afterEach(() => document.body.replaceChildren());

describe('cb-param-controls', () => {
  it("names a weights cell's conv shape kernels, channels, rows, columns, with nothing to turn off", async () => {
    const element = await mount('weights', { shape: [16, 8, 5, 5], init: 'he', seed: 2 });
    expect(labels(element, 'fieldset.parts')).toEqual(['Kernels', 'Channels', 'Rows', 'Columns']);
    expect(buttons(element)).toEqual([]);
  });

  it("names a dense weights cell's shape outputs × inputs", async () => {
    const element = await mount('weights', { shape: [10, 256] });
    expect(labels(element, 'fieldset.parts')).toEqual(['Outputs', 'Inputs']);
  });

  it('says what its button turns off, and turning it off unsets the setting', async () => {
    const element = await mount('grad', { train: { steps: 150, learningRate: 0.3 } });
    const sent: unknown[] = [];
    element.addEventListener('cell-params-change', (e: CellParamsChangeEvent) => sent.push(e.patch));
    const turnOff = [...root(element).querySelectorAll('button')].find(
      (b) => b.textContent?.trim() === 'Turn off training',
    );
    expect(turnOff?.title).toMatch(/trains nothing/);
    turnOff?.click();
    expect(sent).toEqual([{ train: undefined }]);
  });

  it('shows an absent stride as "1 (default)", and a typed one as itself', async () => {
    const absent = await mount('conv', {});
    expect(input(absent, 'param-stride').placeholder).toBe('1 (default)');
    expect(input(absent, 'param-stride').value).toBe('');
    document.body.replaceChildren();
    const pool = await mount('pool', { kind: 'max', size: 3 });
    expect(input(pool, 'param-stride').placeholder).toBe('3 (default)');
    document.body.replaceChildren();
    const typed = await mount('conv', { stride: 2 });
    expect(input(typed, 'param-stride').value).toBe('2');
  });
});
