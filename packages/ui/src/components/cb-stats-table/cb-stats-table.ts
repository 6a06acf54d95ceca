import type { StatsRow, StatsValue } from '@convbook/cells';
import { html, LitElement, nothing } from 'lit';
import { formatCount, formatShapeForPeople } from '../../format/format-number';
import { statsTableStyles } from './cb-stats-table.styles';

/**
 * Layer arithmetic of a conv/pool chain as a table: per layer units, weights, connections, multiply-adds
 * forward and backward, memory, receptive field; then totals. Counts use thin-space separators.
 */
export class CbStatsTable extends LitElement {
  static override styles = statsTableStyles;
  static override properties = {
    value: { attribute: false },
    titles: { attribute: false },
  };

  declare value: StatsValue | undefined;
  /** Cell titles by id, for naming the rows. */
  declare titles: ReadonlyMap<string, string>;

  constructor() {
    super();
    this.value = undefined;
    this.titles = new Map();
  }

  #renderRow(row: StatsRow) {
    const [rh, rw] = row.receptiveField.size;
    const [jh, jw] = row.receptiveField.jump;
    return html`<tr>
      <td>${this.titles.get(row.cellId) ?? row.cellId} <span class="kind">${row.kind}</span></td>
      <td>${formatShapeForPeople(row.outputShape)}</td>
      <td>${formatCount(row.units)}</td>
      <td>${formatCount(row.weights)}</td>
      <td>${formatCount(row.connections)}</td>
      <td>${formatCount(row.multiplyAddsForward)}</td>
      <td>${formatCount(row.multiplyAddsBackward)}</td>
      <td>${formatCount(row.memoryTraining)}</td>
      <td>${formatCount(row.memoryInference)}</td>
      <td>${rh}×${rw} <span class="kind">jump ${jh}×${jw}</span></td>
    </tr>`;
  }

  override render() {
    const value = this.value;
    if (!value) return nothing;
    const totals = value.totals;
    return html`<table>
        <thead>
          <tr>
            <th scope="col">Layer</th>
            <th scope="col">Output</th>
            <th scope="col">Units</th>
            <th scope="col">Weights</th>
            <th scope="col">Connections</th>
            <th scope="col">MACs forward</th>
            <th scope="col">MACs backward</th>
            <th scope="col">Memory training</th>
            <th scope="col">Memory inference</th>
            <th scope="col">Receptive field</th>
          </tr>
        </thead>
        <tbody>
          ${value.layers.map((row) => this.#renderRow(row))}
        </tbody>
        <tfoot>
          <tr>
            <td>Total</td>
            <td></td>
            <td>${formatCount(totals.units)}</td>
            <td>${formatCount(totals.weights)}</td>
            <td>${formatCount(totals.connections)}</td>
            <td>${formatCount(totals.multiplyAddsForward)}</td>
            <td>${formatCount(totals.multiplyAddsBackward)}</td>
            <td>${formatCount(totals.memoryTraining)}</td>
            <td>${formatCount(totals.memoryInference)}</td>
            <td></td>
          </tr>
        </tfoot>
      </table>
      <p class="explain">
        Weights are learned numbers and are shared across positions; connections count every use of a weight
        (or every pooled input), so each costs one multiply-add forward and two backward. Memory is in stored
        values: training keeps every activation for backprop, inference only the largest pair alive at once.
      </p>`;
  }
}

customElements.define('cb-stats-table', CbStatsTable);

declare global {
  interface HTMLElementTagNameMap {
    'cb-stats-table': CbStatsTable;
  }
}
