import { html, LitElement, nothing } from 'lit';
import type { SessionState } from '../../session/session-state';
import '../cb-import-report/cb-import-report';
import '../cb-notices/cb-notices';
import '../cb-share-dialog/cb-share-dialog';
import { sessionPanelStyles } from './cb-session-panel.styles';

/**
 * The floating layer of the persistence features: notices (saving trouble, Undo after a delete, a broken
 * link), the share panel and the import report. It renders `state` and lets its children's intent events
 * (notice-action, notice-dismiss, notebook-export) bubble to whoever listens.
 */
export class CbSessionPanel extends LitElement {
  static override styles = sessionPanelStyles;
  static override properties = {
    state: { attribute: false },
  };

  declare state: SessionState | undefined;

  constructor() {
    super();
    this.state = undefined;
  }

  override render() {
    const state = this.state;
    if (!state) return nothing;
    const { share, importReport } = state;
    return html`<div class="top">
        ${share ? html`<cb-share-dialog .state=${share}></cb-share-dialog>` : nothing}
        ${
          importReport
            ? html`<cb-import-report .source=${importReport.source} .problems=${importReport.problems}
                .document=${importReport.document}></cb-import-report>`
            : nothing
        }
      </div>
      <cb-notices .notices=${state.notices}></cb-notices>`;
  }
}

customElements.define('cb-session-panel', CbSessionPanel);

declare global {
  interface HTMLElementTagNameMap {
    'cb-session-panel': CbSessionPanel;
  }
}
