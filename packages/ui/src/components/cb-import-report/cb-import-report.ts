import { cellKindSchemas, describeProblem, kindWordsFrom } from '@convbook/cells';
import { html, LitElement } from 'lit';
import { controlStyles } from '../../app-styles/shared-styles';
import { PanelCloseEvent } from '../../events/panel-close';
import type { DocumentProblem } from '../../share/notebook-file';
import { importReportStyles } from './cb-import-report.styles';

/**
 * Why a file or link could not be opened: every problem the validator found, in plain words naming the
 * cell and the field (the JSON path as a detail), so the whole file can be fixed in one pass. Shown as an
 * alert; nothing was changed.
 *
 * @fires panel-close - `panel` "import-report" when closed.
 */
export class CbImportReport extends LitElement {
  static override styles = [controlStyles, importReportStyles];
  static override properties = {
    source: { type: String },
    problems: { attribute: false },
    document: { attribute: false },
  };

  /** Where the document came from: a file name or "the share link". */
  declare source: string;
  declare problems: readonly DocumentProblem[];
  /** The raw document, when known, so a problem names its cell by title ("Convolution 'Edges'"). */
  declare document: unknown;

  constructor() {
    super();
    this.source = '';
    this.problems = [];
    this.document = undefined;
  }

  override render() {
    const count = this.problems.length;
    return html`<section role="alert" aria-labelledby="report-heading">
      <header>
        <h2 id="report-heading">Could not open ${this.source}</h2>
        <button class="quiet" @click=${() => this.dispatchEvent(new PanelCloseEvent('import-report'))}>Close</button>
      </header>
      <p>${count === 1 ? 'One problem was found' : `${count} problems were found`}; nothing was changed.</p>
      <ol>
        ${this.problems.map((p) => {
          const plain = describeProblem(p, this.document, WORDS);
          return html`<li>${plain.text}${p.path ? html` <code class="path">${p.path}</code>` : ''}</li>`;
        })}
      </ol>
    </section>`;
  }
}

/** Kind and field labels from the kinds this build knows (the report may come before any notebook). */
const WORDS = kindWordsFrom(cellKindSchemas);

customElements.define('cb-import-report', CbImportReport);

declare global {
  interface HTMLElementTagNameMap {
    'cb-import-report': CbImportReport;
  }
}
