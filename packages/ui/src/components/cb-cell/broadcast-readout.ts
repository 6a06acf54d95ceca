import { describeKernelBroadcast } from '@convbook/cells';
import { html, nothing, type TemplateResult } from 'lit';
import { CellParamsChangeEvent } from '../../events/cell-params-change';
import type { EditorContext } from './kind-views';

/**
 * Under a conv whose one-channel kernel is repeated over a many-channel input: says so (the size the conv
 * really applies, not "kernel 3×3") and offers the two fixes, each one undoable edit.
 */
export function renderBroadcastNotice(context: EditorContext): TemplateResult | typeof nothing {
  const { cell, cells, inputValues } = context;
  const inputCell = cells?.find((c) => c.id === cell.inputs?.input);
  const kernelCell = cells?.find((c) => c.id === cell.inputs?.kernel);
  if (!inputCell || !kernelCell) return nothing;
  const notice = describeKernelBroadcast({
    inputCell,
    inputValue: inputValues.get('input'),
    kernelCell,
    kernelValue: inputValues.get('kernel'),
  });
  if (!notice) return nothing;
  return html`<div class="broadcast" role="note">
    <p>Applied as <strong>${notice.appliedShape}</strong>: ${notice.readout}.</p>
    ${notice.fixes.map(
      (fix) => html`<button title=${fix.description}
        @click=${(e: Event) => e.currentTarget?.dispatchEvent(new CellParamsChangeEvent(fix.edit.cellId, fix.edit.patch))}>${fix.label}</button>`,
    )}
  </div>`;
}
