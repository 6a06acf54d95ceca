import { html, LitElement } from 'lit';
import { controlStyles } from '../../app-styles/shared-styles';
import { NotebookExportEvent } from '../../events/notebook-export';
import { PanelCloseEvent } from '../../events/panel-close';
import { formatBytes } from '../../share/share-link';
import { shareDialogStyles } from './cb-share-dialog.styles';

/** What the panel shows: the link being made, the link, or why there is no link. */
export type ShareState =
  | { readonly status: 'working' }
  | { readonly status: 'ready'; readonly url: string }
  | { readonly status: 'too-big'; readonly fragmentLength: number; readonly limit: number };

/**
 * The share panel: the link in a read-only text field (the fallback when the clipboard is refused), a Copy
 * button, and — when the notebook is too big for a link — an offer to download the file instead.
 *
 * @fires notebook-export - the user chose the file instead of a link.
 * @fires panel-close - `panel` "share" when closed.
 */
export class CbShareDialog extends LitElement {
  static override styles = [controlStyles, shareDialogStyles];
  static override properties = {
    state: { attribute: false },
    copyResult: { state: true },
  };

  declare state: ShareState;
  declare private copyResult: 'copied' | 'refused' | undefined;

  constructor() {
    super();
    this.state = { status: 'working' };
    this.copyResult = undefined;
  }

  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('state')) this.copyResult = undefined;
  }

  async #copy(url: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(url);
      this.copyResult = 'copied';
    } catch {
      // Clipboard refused (permissions, insecure context): select the text so Ctrl+C does it.
      this.copyResult = 'refused';
      const field = this.renderRoot.querySelector<HTMLInputElement>('input');
      field?.focus();
      field?.select();
    }
  }

  #renderBody() {
    switch (this.state.status) {
      case 'working':
        return html`<p role="status">Making the link…</p>`;
      case 'too-big':
        return html`<p role="status">
            This notebook is too big for a link (${formatBytes(this.state.fragmentLength)}; links are kept under
            ${formatBytes(this.state.limit)}). Large pictures usually cause this. Share the file instead.
          </p>
          <div class="row">
            <button class="primary" @click=${() => this.dispatchEvent(new NotebookExportEvent())}>Download file</button>
          </div>`;
      case 'ready': {
        const { url } = this.state;
        return html`<p class="hint">Anyone with this link opens a copy of this notebook. It is not uploaded anywhere: the notebook travels inside the link.</p>
          <div class="row">
            <input type="text" readonly aria-label="Share link" .value=${url} @focus=${(e: FocusEvent) => (e.target as HTMLInputElement).select()} />
            <button class="primary" @click=${() => this.#copy(url)}>Copy link</button>
          </div>
          <p role="status" class="hint">${
            this.copyResult === 'copied'
              ? 'Link copied to the clipboard.'
              : this.copyResult === 'refused'
                ? 'The browser did not allow copying: the link is selected, press Ctrl+C (⌘C) to copy it.'
                : ''
          }</p>`;
      }
    }
  }

  override render() {
    return html`<section aria-labelledby="share-heading">
      <div class="row">
        <h2 id="share-heading">Share link</h2>
        <button class="quiet" aria-label="Close share panel" @click=${() => this.dispatchEvent(new PanelCloseEvent('share'))}>Close</button>
      </div>
      ${this.#renderBody()}
    </section>`;
  }
}

customElements.define('cb-share-dialog', CbShareDialog);

declare global {
  interface HTMLElementTagNameMap {
    'cb-share-dialog': CbShareDialog;
  }
}
