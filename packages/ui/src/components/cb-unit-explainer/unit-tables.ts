import type { CellUnitBreakdown } from '@convbook/cells';
import type { ConvTap, ConvUnitBreakdown, PoolUnitBreakdown, WindowCell } from '@convbook/core';
import { html, nothing, type TemplateResult } from 'lit';
import { formatValue } from '../../format/format-number';
import { finishSteps, paddingText, poolText, sumText } from './describe-unit';

/**
 * The breakdown as small tables: per input channel the patch the window reads, the kernel as applied
 * and their products, then the lines that finish the sum. Padding cells are marked (and say what they
 * copy); pooling marks the chosen maximum. Large kernels and deep inputs are summarised, not listed.
 */

/** Kernels larger than this on a side are summarised: a 64×64 table helps nobody. */
const MAX_TABLE_SIDE = 15;
/** Channels listed openly; the rest sit in a disclosure. */
const OPEN_CHANNELS = 3;

const show = (x: number): string => formatValue(x, 4);

export function renderBreakdown(breakdown: CellUnitBreakdown, mapValue: number | undefined): TemplateResult {
  const body = breakdown.kind === 'conv' ? renderConv(breakdown) : renderPool(breakdown);
  const padding = paddingText(breakdown);
  const agrees =
    mapValue === undefined ? nothing : html`<span class="check">(the map shows ${show(mapValue)})</span>`;
  return html`${body}
    ${padding === '' ? nothing : html`<p class="note">${padding}.</p>`}
    <p class="result">= <strong class="mono">${show(breakdown.value)}</strong> ${agrees}</p>`;
}

function renderConv(b: ConvUnitBreakdown & { readonly broadcastChannels?: number }): TemplateResult {
  const [rows = 0, cols = 0] = [b.appliedKernel[0]?.length, b.appliedKernel[0]?.[0]?.length];
  const channels = b.appliedKernel.length;
  const perChannel = rows * cols;
  const subtotal = (c: number): number =>
    b.taps.slice(c * perChannel, (c + 1) * perChannel).reduce((sum, tap) => sum + tap.product, 0);
  const listed = rows <= MAX_TABLE_SIDE && cols <= MAX_TABLE_SIDE;
  const channel = (c: number) => html`<div class="channel">
      ${channels > 1 ? html`<p class="channel-name">Input channel ${c + 1}</p>` : nothing}
      ${
        listed
          ? html`<div class="tables">
              ${tapTable(b.taps, c, rows, cols, 'Input patch', (t) => t.value, true)}
              <span class="op" aria-hidden="true">×</span>
              ${tapTable(b.taps, c, rows, cols, b.flipped ? 'Kernel, turned 180°' : 'Kernel', (t) => t.weight, false)}
              <span class="op" aria-hidden="true">=</span>
              ${tapTable(b.taps, c, rows, cols, 'Products', (t) => t.product, false)}
            </div>`
          : nothing
      }
      ${channels > 1 || !listed ? html`<p class="subtotal">Sum for this channel: <span class="mono">${show(subtotal(c))}</span></p>` : nothing}
    </div>`;
  const open = Array.from({ length: Math.min(channels, OPEN_CHANNELS) }, (_, c) => channel(c));
  const rest = Array.from({ length: Math.max(0, channels - OPEN_CHANNELS) }, (_, c) =>
    channel(c + OPEN_CHANNELS),
  );
  const broadcast = b.broadcastChannels
    ? html`<p class="note">The kernel has one channel; it is repeated over the input's ${b.broadcastChannels} channels.</p>`
    : nothing;
  const dilation =
    b.dilation[0] > 1 || b.dilation[1] > 1
      ? html`<p class="note">Dilation ${b.dilation.join('×')}: the taps are ${b.dilation.join(' and ')} cells apart.</p>`
      : nothing;
  return html`${broadcast}${dilation}${open}
    ${rest.length > 0 ? html`<details><summary>Input channels ${OPEN_CHANNELS + 1}–${channels}</summary>${rest}</details>` : nothing}
    <p class="formula mono">${sumText(b)}</p>
    ${finishSteps(b).map((step) => html`<p class="formula mono">${step}</p>`)}`;
}

function tapTable(
  taps: readonly ConvTap[],
  channel: number,
  rows: number,
  cols: number,
  caption: string,
  pick: (tap: ConvTap) => number,
  markPadding: boolean,
): TemplateResult {
  const start = channel * rows * cols;
  return html`<table class="numbers">
    <caption>${caption}</caption>
    <tbody>
      ${Array.from(
        { length: rows },
        (_, i) => html`<tr>
          ${Array.from({ length: cols }, (_, j) => {
            const tap = taps[start + i * cols + j] as ConvTap;
            return cell(show(pick(tap)), markPadding ? tap : undefined, false);
          })}
        </tr>`,
      )}
    </tbody>
  </table>`;
}

function renderPool(b: PoolUnitBreakdown): TemplateResult {
  const [rows, cols] = [b.box.bottom - b.box.top + 1, b.box.right - b.box.left + 1];
  const listed = rows <= MAX_TABLE_SIDE && cols <= MAX_TABLE_SIDE;
  const table = html`<table class="numbers">
    <caption>Window${b.poolKind === 'max' ? ', largest marked' : ''}</caption>
    <tbody>
      ${Array.from(
        { length: rows },
        (_, i) => html`<tr>
          ${Array.from({ length: cols }, (_, j) => {
            const c = b.cells[i * cols + j] as WindowCell;
            const chosen = b.poolKind === 'max' && c.row === b.argmax.row && c.col === b.argmax.col;
            return cell(c.value === null ? 'pad' : show(c.value), c, chosen);
          })}
        </tr>`,
      )}
    </tbody>
  </table>`;
  return html`${listed ? table : nothing}<p class="formula mono">${poolText(b)}</p>`;
}

/** One number; padding cells say what they hold and where it came from. */
function cell(text: string, window: WindowCell | undefined, chosen: boolean): TemplateResult {
  if (window?.padded) {
    const from = window.source
      ? `copy of row ${window.source.row + 1}, column ${window.source.col + 1}`
      : 'zero';
    return html`<td class="pad" title=${`padding: ${from}`}><span class="visually-hidden">padding, </span>${text}</td>`;
  }
  if (chosen) return html`<td class="chosen"><span class="visually-hidden">largest, </span>${text}</td>`;
  return html`<td>${text}</td>`;
}
