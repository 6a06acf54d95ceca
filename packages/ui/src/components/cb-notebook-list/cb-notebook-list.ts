import { html, LitElement, nothing } from 'lit';
import { controlStyles } from '../../app-styles/shared-styles';
import type { SaveStatus } from '../../autosave/autosave';
import { NotebookDeleteEvent } from '../../events/notebook-delete';
import { NotebookDuplicateEvent } from '../../events/notebook-duplicate';
import { NotebookOpenEvent } from '../../events/notebook-open';
import { NotebookRenameEvent } from '../../events/notebook-rename';
import type { NotebookListEntry } from '../../storage/saved-notebook';
import { notebookListStyles } from './cb-notebook-list.styles';
import { relativeTime } from './relative-time';

/**
 * The saved notebooks, newest first, with open / rename / duplicate / delete. A damaged record is listed
 * with the reason and can only be deleted, so one bad record never hides the others.
 *
 * @fires notebook-open
 * @fires notebook-rename
 * @fires notebook-duplicate
 * @fires notebook-delete
 */
export class CbNotebookList extends LitElement {
  static override styles = [controlStyles, notebookListStyles];
  static override properties = {
    entries: { attribute: false },
    currentId: { type: String, attribute: 'current-id' },
    saveStatus: { attribute: false },
    renaming: { state: true },
  };

  /** The rows to show, already sorted by the store. */
  declare entries: readonly NotebookListEntry[];
  /** The id of the open notebook, marked with aria-current. */
  declare currentId: string;
  /** The open notebook's autosave state, summarised under the heading. */
  declare saveStatus: SaveStatus | undefined;
  /** Id of the row whose title is being edited. */
  declare private renaming: string | undefined;

  constructor() {
    super();
    this.entries = [];
    this.currentId = '';
    this.saveStatus = undefined;
    this.renaming = undefined;
  }

  #submitRename(event: SubmitEvent, id: string, oldTitle: string): void {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem('title');
    const title = input instanceof HTMLInputElement ? input.value.trim() : '';
    this.renaming = undefined;
    if (title && title !== oldTitle) this.dispatchEvent(new NotebookRenameEvent(id, title));
  }

  #renderRow(entry: NotebookListEntry, now: number) {
    if (entry.status === 'damaged') {
      return html`<li class="damaged">
        <div>
          <span class="open">${entry.title}</span>
          <span class="reason">Damaged, cannot be opened: ${entry.reason}</span>
        </div>
        <div class="actions">
          <button aria-label=${`Delete ${entry.title}`} @click=${() => this.dispatchEvent(new NotebookDeleteEvent(entry.id))}>
            Delete
          </button>
        </div>
      </li>`;
    }
    const { id, title, updatedAt } = entry.meta;
    const current = id === this.currentId;
    const name = html`${
      this.renaming === id
        ? html`<form @submit=${(e: SubmitEvent) => this.#submitRename(e, id, title)}>
            <input type="text" name="title" aria-label="New title" maxlength="200" .value=${title} />
            <button type="submit">Save</button>
            <button type="button" @click=${() => {
              this.renaming = undefined;
            }}>Cancel</button>
          </form>`
        : html`<button class="open" @click=${() => this.dispatchEvent(new NotebookOpenEvent(id))}>${title}</button>`
    }`;
    return html`<li aria-current=${current ? 'true' : 'false'}>
      <div>${name}<span class="when">${current ? 'Open now · ' : nothing}edited ${relativeTime(updatedAt, now)}</span></div>
      <div class="actions">
        <button class="quiet" aria-label=${`Rename ${title}`} @click=${() => {
          this.renaming = id;
        }}>Rename</button>
        <button class="quiet" aria-label=${`Duplicate ${title}`} @click=${() => this.dispatchEvent(new NotebookDuplicateEvent(id))}>
          Duplicate
        </button>
        <button class="quiet" aria-label=${`Delete ${title}`} @click=${() => this.dispatchEvent(new NotebookDeleteEvent(id))}>
          Delete
        </button>
      </div>
    </li>`;
  }

  override updated(changed: Map<PropertyKey, unknown>): void {
    if (!changed.has('renaming')) return;
    const input = this.renderRoot.querySelector<HTMLInputElement>('input[name="title"]');
    input?.focus();
    input?.select();
  }

  override render() {
    const now = Date.now();
    return html`<section aria-labelledby="heading">
      <h2 id="heading">Your notebooks</h2>
      <p class="saving">${describeSaveStatus(this.saveStatus)}</p>
      ${
        this.entries.length === 0
          ? html`<p class="empty">Nothing saved yet. Notebooks are saved in this browser as you work.</p>`
          : html`<ul>${this.entries.map((entry) => this.#renderRow(entry, now))}</ul>`
      }
    </section>`;
  }
}

/** One short line about the open notebook's saving, for the list header. */
function describeSaveStatus(status: SaveStatus | undefined): string {
  switch (status?.state) {
    case undefined:
      return '';
    case 'saved':
    case 'changed-elsewhere':
      return 'The open notebook is saved in this browser.';
    case 'pending':
    case 'saving':
      return 'Saving…';
    case 'failed':
      return 'The open notebook is not saved: export it to keep it.';
    case 'conflict':
      return 'Saved as a conflict copy.';
  }
}

customElements.define('cb-notebook-list', CbNotebookList);

declare global {
  interface HTMLElementTagNameMap {
    'cb-notebook-list': CbNotebookList;
  }
}
