import { kernelPresets } from '@convbook/core';
import { html, nothing, type TemplateResult } from 'lit';
import { type KernelGrid, valuesFromGrid } from './kernel-grid';
import { describeNumberProblem, readNumberField } from './typed-number';

/**
 * Where a kernel cell's weights come from — typed-in values, a named preset, a gaussian or a seeded
 * random bank — and the "Weights from" controls that switch between them. Each control answers with the
 * params patch to send, which the editor checks as the loader would and sends; a number field holding
 * no number answers with the sentence saying so instead.
 */
export type KernelSource = 'values' | 'preset' | 'gaussian' | 'random';

type Params = Readonly<Record<string, unknown>>;
export type SourcePatch = Record<string, unknown>;

/** Setting one source clears the others: a kernel cell takes exactly one. */
export const CLEAR_SOURCES = { values: undefined, preset: undefined, gaussian: undefined, random: undefined };

const SOURCE_LABELS: Record<KernelSource, string> = {
  values: 'Custom weights',
  preset: 'Preset',
  gaussian: 'Gaussian',
  random: 'Random',
};

export function kernelSourceOf(params: Params): KernelSource {
  if (params.preset !== undefined) return 'preset';
  if (params.gaussian !== undefined) return 'gaussian';
  if (params.random !== undefined) return 'random';
  return 'values';
}

/** The typed-in weights and biases of `grid`, as the params of a 'values' kernel. */
export function valuesPatch(grid: KernelGrid): SourcePatch {
  return { ...CLEAR_SOURCES, values: valuesFromGrid(grid), bias: [...grid.bias] };
}

function gaussianOf(params: Params): { size: number; sigma: number } {
  const g = params.gaussian as { size?: unknown; sigma?: unknown } | undefined;
  return {
    size: typeof g?.size === 'number' ? g.size : 5,
    sigma: typeof g?.sigma === 'number' ? g.sigma : 1,
  };
}

/** The gaussian with `change` applied. A size of 0 or 2.5 is sent too: the editor's check says why not. */
function gaussianPatch(params: Params, change: Partial<{ size: number; sigma: number }>): SourcePatch {
  return { ...CLEAR_SOURCES, gaussian: { ...gaussianOf(params), ...change } };
}

/** A random bank of the shape shown now (a 3×3 kernel when nothing is shown yet). */
function randomPatch(grid: KernelGrid | undefined, seed: number): SourcePatch {
  return { ...CLEAR_SOURCES, random: { shape: [...(grid?.shape ?? [1, 1, 3, 3])], seed } };
}

/** Switching to `source` starts from what the editor shows: its weights, the first preset, defaults. */
function switchTo(
  source: KernelSource,
  params: Params,
  grid: KernelGrid | undefined,
): SourcePatch | undefined {
  switch (source) {
    case 'values':
      return grid && valuesPatch(grid);
    case 'preset':
      return { ...CLEAR_SOURCES, preset: Object.keys(kernelPresets)[0] };
    case 'gaussian':
      return gaussianPatch(params, {});
    case 'random':
      return randomPatch(grid, 1);
  }
}

const numberIn = (event: Event): number => (event.target as HTMLInputElement).valueAsNumber;

/**
 * The number in an integer field (gaussian size, seed), or undefined after `refuse` is told what is wrong
 * with it. Such a field holds no readable text then (a number input drops what it cannot read), so it
 * shows the value still in use again, which the sentence names.
 */
function typedNumber(event: Event, field: string, inUse: number, refuse: Refuse): number | undefined {
  const input = event.target as HTMLInputElement;
  const typed = readNumberField(input);
  if (typed.ok) return typed.value;
  const text = input.value;
  input.value = String(inUse);
  refuse(describeNumberProblem(field, text, typed.problem, String(inUse)));
  return undefined;
}

type Send = (patch: SourcePatch | undefined) => void;
type Refuse = (refusal: string) => void;

function renderSourceControls(
  source: KernelSource,
  params: Params,
  grid: KernelGrid | undefined,
  send: Send,
  refuse: Refuse,
): TemplateResult | typeof nothing {
  switch (source) {
    case 'values':
      return nothing;
    case 'preset': {
      const preset = typeof params.preset === 'string' ? params.preset : '';
      const presets = Object.entries(kernelPresets);
      return html`<div class="field">
        <label for="preset">Preset</label>
        <select id="preset" @change=${(e: Event) => send({ ...CLEAR_SOURCES, preset: (e.target as HTMLSelectElement).value })}>
          ${presets.map(([name, p]) => html`<option value=${name} ?selected=${name === preset}>${p.label}</option>`)}
        </select>
      </div>`;
    }
    case 'gaussian': {
      const gaussian = gaussianOf(params);
      return html`<div class="field">
          <label for="g-size">Size</label>
          <input id="g-size" type="number" min="1" max="15" step="1" .value=${String(gaussian.size)}
            @change=${(e: Event) => {
              const size = typedNumber(e, 'gaussian size', gaussian.size, refuse);
              if (size !== undefined) send(gaussianPatch(params, { size }));
            }} />
        </div>
        <div class="field">
          <label for="g-sigma">σ = ${gaussian.sigma.toFixed(2)}</label>
          <input id="g-sigma" type="range" min="0.2" max="5" step="0.05" .value=${String(gaussian.sigma)}
            aria-valuetext=${`sigma ${gaussian.sigma.toFixed(2)}`}
            @input=${(e: Event) => send(gaussianPatch(params, { sigma: numberIn(e) }))} />
        </div>`;
    }
    case 'random': {
      const random = params.random as { seed?: unknown } | undefined;
      const seed = typeof random?.seed === 'number' ? random.seed : 1;
      return html`<div class="field">
        <label for="seed">Seed</label>
        <span class="field inline">
          <input id="seed" type="number" step="1" .value=${String(seed)} class="seed"
            @change=${(e: Event) => {
              const typed = typedNumber(e, 'seed', seed, refuse);
              if (typed !== undefined) send(randomPatch(grid, typed));
            }} />
          <button @click=${() => send(randomPatch(grid, Math.floor(Math.random() * 100_000)))}>New seed</button>
        </span>
      </div>`;
    }
  }
}

/**
 * The "Weights from" menu, the chosen source's own fields, and a preset's description. `send` gets the
 * patch each change asks for (undefined: nothing to send); `refuse`, why a number field's text was not used.
 */
export function renderKernelSource(
  params: Params,
  grid: KernelGrid | undefined,
  send: Send,
  refuse: Refuse,
): TemplateResult {
  const source = kernelSourceOf(params);
  const preset = typeof params.preset === 'string' ? params.preset : '';
  const description = Object.entries(kernelPresets).find(([name]) => name === preset)?.[1].description;
  const choose = (e: Event): void =>
    send(switchTo((e.target as HTMLSelectElement).value as KernelSource, params, grid));
  return html`<div class="source">
      <div class="field">
        <label for="source">Weights from</label>
        <select id="source" @change=${choose}>
          ${(Object.keys(SOURCE_LABELS) as KernelSource[]).map((s) => html`<option value=${s} ?selected=${s === source}>${SOURCE_LABELS[s]}</option>`)}
        </select>
      </div>
      ${renderSourceControls(source, params, grid, send, refuse)}
    </div>
    ${source === 'preset' && description ? html`<p class="description">${description}</p>` : nothing}`;
}
