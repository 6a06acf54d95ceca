import { html, LitElement, nothing } from 'lit';
import type { SessionState } from '../../session/session-state';
import '../cb-import-report/cb-import-report';
import '../cb-share-dialog/cb-share-dialog';
import { sessionPanelStyles } from './cb-session-panel.styles';

/**
 * The floating panels of the persistence features: the share panel and the import report. It renders
 * `state` and lets its children's intent events (panel-close, notebook-export) bubble to whoever listens.
 * Notices are not here: the app shell shows them all in one place (cb-notices).
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
    </div>`;
  }
}

customElements.define('cb-session-panel', CbSessionPanel);

declare global {
  interface HTMLElementTagNameMap {
    'cb-session-panel': CbSessionPanel;
  }
}
