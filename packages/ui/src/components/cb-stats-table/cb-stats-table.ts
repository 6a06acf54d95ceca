import type { StatsRow, StatsValue } from '@convbook/cells';
import { html, LitElement, nothing, type TemplateResult } from 'lit';
import { formatCount, formatShapeForPeople } from '../../format/format-number';
import { statsTableStyles } from './cb-stats-table.styles';
import {
  type CountColumn,
  describeFullyConnected,
  shownColumns,
  sizeColumns,
  workColumns,
} from './stats-columns';
import { formatShare, type GroupShare, groupShares } from './stats-shares';

const GROUP_NAMES = {
  conv: 'Conv layers',
  pool: 'Pooling layers',
  'fully-connected': 'Fully connected layers',
};

/**
 * Layer arithmetic of a conv/pool/dense chain as tables. Sizes: units, weights, connections (and how many
 * of them land on zero padding), receptive field, with one fully connected layer between the same units for
 * comparison. When the chain mixes kinds of layer, the share of weights, connections and multiply-adds each
 * kind holds. Work and memory: the arithmetic of each pass by kind of operation, and the activations held
 * in training (kept for backprop: rows add up to the total) and in inference (the pair alive while the
 * layer runs: the total is the peak). Counts use thin-space separators.
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

  #layerName(row: StatsRow) {
    return html`${this.titles.get(row.cellId) ?? row.cellId} <span class="kind">${row.kind}</span>`;
  }

  #renderSizes(value: StatsValue) {
    const columns = shownColumns(sizeColumns, value);
    const dense = value.fullyConnected;
    return scrollable(
      'Sizes per layer',
      html`<table aria-label="Sizes per layer">
      <thead>
        <tr>
          <th scope="col">Layer</th>
          <th scope="col">Output</th>
          ${columns.map((c) => html`<th scope="col">${c.heading}</th>`)}
          <th scope="col">Receptive field</th>
        </tr>
      </thead>
      <tbody>
        <tr class="input">
          <td>Input image</td>
          <td>${formatShapeForPeople(value.inputShape)}</td>
          <td>${formatCount(value.inputUnits)}</td>
          ${columns.slice(1).map(() => html`<td></td>`)}
          <td></td>
        </tr>
        ${value.layers.map(
          (row) => html`<tr>
            <td>${this.#layerName(row)}</td>
            <td>${formatShapeForPeople(row.outputShape)}</td>
            ${countCells(columns, row)}
            <td>${receptiveField(row)}</td>
          </tr>`,
        )}
      </tbody>
      <tfoot>
        <tr>
          <td>Total</td>
          <td></td>
          ${totalCells(columns, value)}
          <td></td>
        </tr>
        <tr class="compare">
          <td>Fully connected instead <span class="kind">${describeFullyConnected(dense)}</span></td>
          <td></td>
          ${countCells(columns, dense)}
          <td>whole image</td>
        </tr>
      </tfoot>
    </table>`,
    );
  }

  /** Shares by kind of layer: where the weights sit and where the connections and work are. */
  #renderShares(value: StatsValue) {
    const shares = groupShares(value);
    if (shares.length < 2) return nothing;
    const { weights, connections, forward } = value.totals;
    return scrollable(
      'Share of each kind of layer',
      html`<table aria-label="Share of each kind of layer">
      <thead>
        <tr>
          <th scope="col">Kind of layer</th>
          <th scope="col">Weights</th>
          <th scope="col">Connections</th>
          <th scope="col">Forward multiply-adds</th>
        </tr>
      </thead>
      <tbody>
        ${shares.map(
          (share) => html`<tr>
            <td>${GROUP_NAMES[share.group]} <span class="kind">${describeGroup(share)}</span></td>
            <td>${formatShare(share.weights, weights)}</td>
            <td>${formatShare(share.connections, connections)}</td>
            <td>${formatShare(share.multiplyAdds, forward.multiplyAdds)}</td>
          </tr>`,
        )}
      </tbody>
    </table>`,
    );
  }

  #renderWork(value: StatsValue) {
    const columns = shownColumns(workColumns, value);
    return scrollable(
      'Work and memory per layer',
      html`<table aria-label="Work and memory per layer">
      <thead>
        <tr>
          <th scope="col">Layer</th>
          ${columns.map((c) => html`<th scope="col">${c.heading}</th>`)}
          <th scope="col">Training memory (kept for backprop)</th>
          <th scope="col">Inference memory (alive while it runs)</th>
        </tr>
      </thead>
      <tbody>
        <tr class="input">
          <td>Input image</td>
          ${columns.map(() => html`<td></td>`)}
          <td>${formatCount(value.inputUnits)}</td>
          <td></td>
        </tr>
        ${value.layers.map(
          (row) => html`<tr>
            <td>${this.#layerName(row)}</td>
            ${countCells(columns, row)}
            <td>${formatCount(row.memoryKept)}</td>
            <td>${formatCount(row.memoryLive)}</td>
          </tr>`,
        )}
      </tbody>
      <tfoot>
        <tr>
          <td>Total <span class="kind">training: sum · inference: peak</span></td>
          ${totalCells(columns, value)}
          <td>${formatCount(value.totals.memoryTraining)}</td>
          <td>${formatCount(value.totals.memoryInference)}</td>
        </tr>
        <tr class="compare">
          <td>Fully connected instead</td>
          ${countCells(columns, value.fullyConnected)}
          <td></td>
          <td></td>
        </tr>
      </tfoot>
    </table>`,
    );
  }

  override render() {
    const value = this.value;
    if (!value) return nothing;
    return html`${this.#renderSizes(value)}
      <p class="explain">
        Weights are learned numbers, shared across positions. A connection is one use of a weight (or one
        pooled input) at one position; taps that land on the zero border are counted, and shown separately,
        because a padded implementation multiplies them too. The last row is one fully connected layer between
        the same numbers of units: there every connection has its own weight. A dense row is such a layer:
        one weight per connection, plus one bias per unit while biases are counted. The shares below count a
        conv layer with a single output position with the fully connected layers, since it too uses each
        weight once.
      </p>
      ${this.#renderShares(value)} ${this.#renderWork(value)}
      <p class="explain">
        A conv or dense connection costs one multiply-add forward and two backward (the input's gradient and
        the weight's); biases add one addition per unit. Pooling has no weights and no multiply-adds: max pooling
        compares, average pooling adds and scales. Activation functions are not counted. Memory is in stored
        values: training keeps the input and every layer's output for backprop, so its rows add up; inference
        needs only the input and output of the layer running, so its total is the largest row.
      </p>`;
  }
}

/**
 * A table in its own sideways scroller, so on a narrow card the scrollbar and the edge shadows
 * (scrollCue) sit at the table they belong to, not under the explanations. Focusable, so keyboard users
 * can scroll it with the arrow keys (nothing inside takes focus).
 */
function scrollable(label: string, table: TemplateResult): TemplateResult {
  return html`<div class="scroller" role="region" tabindex="0" aria-label=${label}>${table}</div>`;
}

/** "2 layers", or "3 layers, 1 a conv over its whole input" when a conv is counted as fully connected. */
function describeGroup(share: GroupShare): string {
  const layers = share.layers === 1 ? '1 layer' : `${share.layers} layers`;
  return share.wholeInputConvs === 0
    ? layers
    : `${layers}, ${share.wholeInputConvs} a conv over its whole input`;
}

/** A dense unit reads its whole input, so its receptive field is the whole image; a jump means nothing there. */
function receptiveField(row: StatsRow) {
  if (row.kind === 'dense') return 'whole image';
  const [rh, rw] = row.receptiveField.size;
  const [jh, jw] = row.receptiveField.jump;
  return html`${rh}×${rw} <span class="kind">jump ${jh}×${jw}</span>`;
}

function countCells(columns: readonly CountColumn[], row: Parameters<CountColumn['read']>[0]) {
  return columns.map((c) => html`<td>${formatCount(c.read(row))}</td>`);
}

function totalCells(columns: readonly CountColumn[], value: StatsValue) {
  return columns.map((c) => html`<td>${formatCount(c.total(value))}</td>`);
}

customElements.define('cb-stats-table', CbStatsTable);

declare global {
  interface HTMLElementTagNameMap {
    'cb-stats-table': CbStatsTable;
  }
}
