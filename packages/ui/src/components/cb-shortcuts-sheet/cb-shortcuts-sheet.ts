import { html, LitElement } from 'lit';
import { controlStyles } from '../../app-styles/shared-styles';
import { ModalFocus } from '../../controllers/modal-focus';
import { shortcutsSheetStyles } from './cb-shortcuts-sheet.styles';
import { opensShortcutSheet, SHORTCUT_GROUPS, type ShortcutGroup } from './shortcuts';

/**
 * The keyboard shortcuts, in a modal sheet that `?` opens from anywhere outside a text field. Focus moves
 * into the sheet, Tab cycles inside it, and Escape (or Close) gives focus back to where it was.
 *
 * @fires close - the sheet closed.
 */
export class CbShortcutsSheet extends LitElement {
  static override styles = [controlStyles, shortcutsSheetStyles];
  static override properties = { groups: { attribute: false } };

  /** The shortcuts to list; the app's own by default. */
  declare groups: readonly ShortcutGroup[];

  readonly #focus = new ModalFocus();
  readonly #onWindowKey = (event: KeyboardEvent): void => {
    if (this.open || !opensShortcutSheet(event)) return;
    event.preventDefault();
    void this.show();
  };

  constructor() {
    super();
    this.groups = SHORTCUT_GROUPS;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this.#onWindowKey);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('keydown', this.#onWindowKey);
  }

  get open(): boolean {
    return this.#dialog?.open ?? false;
  }

  get #dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  async show(): Promise<void> {
    await this.updateComplete;
    const dialog = this.#dialog;
    if (!dialog || dialog.open) return;
    this.#focus.remember();
    dialog.showModal();
    this.renderRoot.querySelector<HTMLButtonElement>('button.close')?.focus();
  }

  close(): void {
    this.#dialog?.close();
  }

  #onKey(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      this.close();
      return;
    }
    const dialog = this.#dialog;
    if (dialog) this.#focus.trapTab(event, dialog, this.renderRoot as ShadowRoot);
  }

  #onClose(): void {
    this.#focus.restore();
    this.dispatchEvent(new Event('close'));
  }

  #renderGroup(group: ShortcutGroup) {
    return html`<section>
      <h3>${group.title}</h3>
      <dl>
        ${group.shortcuts.map(
          (shortcut) => html`<div class="row">
            <dt>${shortcut.keys.map((combo, i) => html`${i > 0 ? html`<span class="or">or</span>` : ''}<span class="combo">${combo.map((key, j) => html`${j > 0 ? '+' : ''}<kbd>${key}</kbd>`)}</span>`)}</dt>
            <dd>${shortcut.action}</dd>
          </div>`,
        )}
      </dl>
    </section>`;
  }

  override render() {
    return html`<dialog aria-labelledby="title" @keydown=${(e: KeyboardEvent) => this.#onKey(e)} @close=${() => this.#onClose()}>
      <header>
        <h2 id="title">Keyboard shortcuts</h2>
        <button class="close" @click=${() => this.close()}>Close <kbd aria-hidden="true">Esc</kbd></button>
      </header>
      <div class="groups">${this.groups.map((group) => this.#renderGroup(group))}</div>
    </dialog>`;
  }
}

customElements.define('cb-shortcuts-sheet', CbShortcutsSheet);

declare global {
  interface HTMLElementTagNameMap {
    'cb-shortcuts-sheet': CbShortcutsSheet;
  }
}
