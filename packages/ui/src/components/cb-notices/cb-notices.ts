import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { controlStyles } from '../../app-styles/shared-styles';
import { ObservableController } from '../../controllers/observable-controller';
import type { Notice } from '../../notices/notice';
import type { NoticeBoard } from '../../notices/notice-board';
import { noticesStyles } from './cb-notices.styles';

/**
 * The page's notices, all of them: a notebook that cannot be opened, a refused edit, storage trouble,
 * conflict copies, a deleted notebook's Undo, cells held back with “Compute anyway”. It renders its
 * board's list and runs the buttons. Each notice is its own live region — errors role="alert", info
 * role="status" — which is what screen readers (and the browser tests) listen for. Nothing is rendered
 * when there is nothing to say, so "no alert on the page" means no error.
 */
export class CbNotices extends LitElement {
  static override styles = [controlStyles, noticesStyles];
  static override properties = {
    board: { attribute: false },
  };

  declare board: NoticeBoard | undefined;
  readonly #notices = new ObservableController<readonly Notice[]>(this);

  constructor() {
    super();
    this.board = undefined;
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('board')) this.#notices.observe(this.board?.notices$);
  }

  override render() {
    return repeat(
      this.#notices.value ?? [],
      (notice) => notice.id,
      (notice) => this.#renderNotice(notice),
    );
  }

  #renderNotice(notice: Notice) {
    return html`<div class="notice ${notice.severity}" data-notice=${notice.id}
        role=${notice.severity === 'error' ? 'alert' : 'status'}>
      <div class="message">
        <p>${notice.text}</p>
        ${notice.details ? html`<ul>${notice.details.map((line) => html`<li>${line}</li>`)}</ul>` : nothing}
      </div>
      ${(notice.actions ?? []).map((action) => html`<button @click=${() => void action.run()}>${action.label}</button>`)}
      ${
        notice.dismissible
          ? html`<button class="quiet" aria-label="Dismiss" @click=${() => this.board?.dismiss(notice.id)}>×</button>`
          : nothing
      }
    </div>`;
  }
}

customElements.define('cb-notices', CbNotices);

declare global {
  interface HTMLElementTagNameMap {
    'cb-notices': CbNotices;
  }
}
