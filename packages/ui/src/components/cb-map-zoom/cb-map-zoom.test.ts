// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { CbMapZoom } from './cb-map-zoom';
import './cb-map-zoom';

const kernel = { label: 'Kernel', values: [1, 0, 0, -1], height: 2, width: 2 };
const map = { label: 'Feature map', values: [0, -1, -1, -1, 1, 2], height: 2, width: 3 };

async function openZoom(): Promise<{ zoom: CbMapZoom; opener: HTMLButtonElement }> {
  const opener = document.createElement('button');
  opener.textContent = 'Enlarge';
  const zoom = document.createElement('cb-map-zoom');
  zoom.heading = "Convolution 'Edges': kernel and map";
  zoom.planes = [kernel, map];
  document.body.append(opener, zoom);
  opener.focus();
  await zoom.show();
  return { zoom, opener };
}

const root = (zoom: CbMapZoom) => zoom.shadowRoot as ShadowRoot;

afterEach(() => document.body.replaceChildren());

describe('cb-map-zoom', () => {
  it('opens modal, labelled by its heading, with the close button focused', async () => {
    const { zoom } = await openZoom();
    const dialog = root(zoom).querySelector('dialog') as HTMLDialogElement;
    expect(dialog.open).toBe(true);
    expect(root(zoom).getElementById(dialog.getAttribute('aria-labelledby') ?? '')?.textContent).toBe(
      "Convolution 'Edges': kernel and map",
    );
    expect(root(zoom).activeElement?.className).toBe('close');
  });

  it('shows the kernel and its map side by side, nearest-neighbour, with their numbers written on', async () => {
    const { zoom } = await openZoom();
    const canvases = [...root(zoom).querySelectorAll('canvas')];
    expect(canvases.map((c) => [c.width, c.height])).toEqual([
      [2, 2],
      [3, 2],
    ]);
    expect(Number.parseFloat(canvases[1]?.style.width ?? '0')).toBeGreaterThanOrEqual(3 * 30);
    const numbers = [...root(zoom).querySelectorAll('.numbers')].map((grid) =>
      [...grid.querySelectorAll('span')].map((s) => s.textContent),
    );
    expect(numbers).toEqual([
      ['1', '0', '0', '−1'],
      ['0', '−1', '−1', '−1', '1', '2'],
    ]);
    expect(root(zoom).querySelectorAll('.legend')).toHaveLength(2);
  });

  it('closes on the Close button and gives focus back to what opened it', async () => {
    const { zoom, opener } = await openZoom();
    let closed = 0;
    zoom.addEventListener('close', () => closed++);
    (root(zoom).querySelector('button.close') as HTMLButtonElement).click();
    await zoom.updateComplete;
    expect(zoom.open).toBe(false);
    expect(closed).toBe(1);
    expect(document.activeElement).toBe(opener);
  });

  it('closes on Escape (the dialog cancel) and gives focus back', async () => {
    const { zoom, opener } = await openZoom();
    const dialog = root(zoom).querySelector('dialog') as HTMLDialogElement;
    dialog.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    await zoom.updateComplete;
    expect(dialog.open).toBe(false);
    expect(document.activeElement).toBe(opener);
  });
});
