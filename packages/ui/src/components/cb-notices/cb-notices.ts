import { html, LitElement } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { controlStyles } from '../../app-styles/shared-styles';
import { NoticeActionEvent } from '../../events/notice-action';
import { NoticeDismissEvent } from '../../events/notice-dismiss';
import { noticesStyles } from './cb-notices.styles';
import type { Notice } from './notice';

/**
 * The stack of notices: storage trouble, conflict copies, a deleted notebook's Undo, a broken share link.
 * Errors render with role="alert" and info with role="status", which is what screen readers (and the
 * browser tests) listen for.
 *
 * @fires notice-action - the notice's action button was pressed.
 * @fires notice-dismiss - the notice was closed.
 */
export class CbNotices extends LitElement {
  static override styles = [controlStyles, noticesStyles];
  static override properties = {
    notices: { attribute: false },
  };

  declare notices: readonly Notice[];

  constructor() {
    super();
    this.notices = [];
  }

  override render() {
    return repeat(
      this.notices,
      (notice) => notice.id,
      (notice) =>
        html`<div class="notice ${notice.kind}" role=${notice.kind === 'error' ? 'alert' : 'status'}>
          <span class="message">${notice.message}</span>
          ${
            notice.action
              ? html`<button @click=${() => this.dispatchEvent(new NoticeActionEvent(notice.id))}>${notice.action}</button>`
              : ''
          }
          ${
            notice.dismissible
              ? html`<button class="quiet" aria-label="Dismiss" @click=${() => this.dispatchEvent(new NoticeDismissEvent(notice.id))}>×</button>`
              : ''
          }
        </div>`,
    );
  }
}

customElements.define('cb-notices', CbNotices);

declare global {
  interface HTMLElementTagNameMap {
    'cb-notices': CbNotices;
  }
}
