import type { CellSpec } from '@convbook/cells';
import { html, nothing, type TemplateResult } from 'lit';
import { accepts, type KindInfo } from '../../catalog/value-types';
import { CellInputsChangeEvent } from '../../events/cell-inputs-change';
import type { InputCandidate } from './cb-cell';

export interface InputPickersProps {
  readonly cell: CellSpec;
  readonly info: KindInfo | undefined;
  readonly candidates: readonly InputCandidate[];
  readonly name: string;
  /**
   * Whether to list every candidate. Until a picker is touched only the wired cell is listed: 500 convs
   * each offering 500 cells would be 250,000 options, most of the page's nodes and seconds of layout.
   */
  readonly listAll: boolean;
  /** Called when a picker is about to be used (focus, pointer down), before its list opens. */
  readonly onEngage: () => void;
}

/**
 * One select per input slot of the kind, offering every other cell whose value the slot accepts; a slot
 * left empty is marked, and a wiring to a missing or incompatible cell stays visible so it can be fixed.
 */
export function renderInputPickers(
  host: HTMLElement,
  props: InputPickersProps,
): TemplateResult | typeof nothing {
  const { cell, info, candidates, name, listAll, onEngage } = props;
  const slots = Object.entries(info?.inputs ?? {});
  if (slots.length === 0) return nothing;
  const wired = cell.inputs ?? {};
  return html`<div class="inputs" @focusin=${onEngage} @pointerdown=${onEngage}>
    ${slots.map(([slot, type]) => {
      const options = candidates.filter(
        (c) => c.id !== cell.id && c.output !== undefined && accepts(type, c.output),
      );
      const current = wired[slot];
      const listed = listAll ? options : options.filter((o) => o.id === current);
      return html`<label>
        <span class="slot">${type.label ?? slot}</span>
        <select
          class=${current === undefined && !type.optional ? 'missing' : ''}
          aria-label=${`${name} input ${slot}`}
          @change=${(e: Event) =>
            host.dispatchEvent(
              new CellInputsChangeEvent(cell.id, {
                ...wired,
                [slot]: (e.target as HTMLSelectElement).value,
              }),
            )}
        >
          ${current === undefined ? html`<option value="" selected disabled>${type.optional ? '— none (optional) —' : options.length > 0 ? '— choose —' : '— none in this notebook yet —'}</option>` : nothing}
          ${current !== undefined && !options.some((o) => o.id === current) ? html`<option value=${current} selected>${current} (missing or incompatible)</option>` : nothing}
          ${listed.map((o) => html`<option value=${o.id} ?selected=${o.id === current}>${o.name}</option>`)}
        </select>
      </label>`;
    })}
  </div>`;
}
