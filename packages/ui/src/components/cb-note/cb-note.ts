import { MAX_NOTE_LENGTH } from '@convbook/cells';
import { html, LitElement } from 'lit';
import { controlStyles } from '../../app-styles/shared-styles';
import { CellParamsChangeEvent } from '../../events/cell-params-change';
import { noteStyles } from './cb-note.styles';
import { parseMarkdown } from './parse-markdown';
import { renderMarkdown } from './render-markdown';

/**
 * A note cell's body: safe Markdown when reading, a text area when editing (holding at most the
 * 100 000 characters a file may, so every note the app keeps loads again).
 *
 * @fires cell-params-change - `{ markdown }` when the user finishes editing.
 */
export class CbNote extends LitElement {
  static override styles = [controlStyles, noteStyles];
  static override properties = {
    cellId: { type: String, attribute: 'cell-id' },
    markdown: { type: String },
    editing: { state: true },
  };

  declare cellId: string;
  /** The note's Markdown source. */
  declare markdown: string;
  declare private editing: boolean;

  constructor() {
    super();
    this.cellId = '';
    this.markdown = '';
    this.editing = false;
  }

  #finishEditing(event: Event): void {
    const text = (event.target as HTMLTextAreaElement).value;
    this.editing = false;
    if (text !== this.markdown)
      this.dispatchEvent(new CellParamsChangeEvent(this.cellId, { markdown: text }));
  }

  override render() {
    if (this.editing) {
      return html`<textarea
          aria-label="Note text (Markdown)"
          maxlength=${MAX_NOTE_LENGTH}
          .value=${this.markdown}
          @blur=${this.#finishEditing}
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === 'Escape' || (e.key === 'Enter' && (e.ctrlKey || e.metaKey)))
              (e.target as HTMLTextAreaElement).blur();
          }}
        ></textarea>
        <div class="toolbar"><button class="quiet">Done</button></div>`;
    }
    const blocks = parseMarkdown(this.markdown);
    return html`<div
      class="reading"
      @dblclick=${() => {
        this.editing = true;
      }}
    >
      ${blocks.length > 0 ? renderMarkdown(blocks) : html`<p class="empty">Empty note. Double-click or press Edit.</p>`}
      <div class="toolbar">
        <button class="quiet" @click=${() => {
          this.editing = true;
        }}>Edit note</button>
      </div>
    </div>`;
  }

  override updated(): void {
    if (this.editing) this.renderRoot.querySelector('textarea')?.focus();
  }
}

customElements.define('cb-note', CbNote);

declare global {
  interface HTMLElementTagNameMap {
    'cb-note': CbNote;
  }
}
