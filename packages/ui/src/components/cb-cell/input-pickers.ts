import type { CellSpec } from '@convbook/cells';
import { html, nothing, type TemplateResult } from 'lit';
import { accepts, type KindInfo } from '../../catalog/value-types';
import { CellInputsChangeEvent } from '../../events/cell-inputs-change';
import type { InputCandidate } from './cb-cell';

/**
 * One select per input slot of the kind, offering every other cell whose value the slot accepts; a slot
 * left empty is marked, and a wiring to a missing or incompatible cell stays visible so it can be fixed.
 */
export function renderInputPickers(
  host: HTMLElement,
  cell: CellSpec,
  info: KindInfo | undefined,
  candidates: readonly InputCandidate[],
  name: string,
): TemplateResult | typeof nothing {
  const slots = Object.entries(info?.inputs ?? {});
  if (slots.length === 0) return nothing;
  const wired = cell.inputs ?? {};
  return html`<div class="inputs">
    ${slots.map(([slot, type]) => {
      const options = candidates.filter(
        (c) => c.id !== cell.id && c.output !== undefined && accepts(type, c.output),
      );
      const current = wired[slot];
      return html`<label>
        <span class="slot">${slot}</span>
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
          ${current === undefined ? html`<option value="" selected disabled>${options.length > 0 ? '— choose —' : '— none in this notebook yet —'}</option>` : nothing}
          ${current !== undefined && !options.some((o) => o.id === current) ? html`<option value=${current} selected>${current} (missing or incompatible)</option>` : nothing}
          ${options.map((o) => html`<option value=${o.id} ?selected=${o.id === current}>${o.name}</option>`)}
        </select>
      </label>`;
    })}
  </div>`;
}
