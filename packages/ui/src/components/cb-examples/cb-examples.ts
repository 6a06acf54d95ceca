import { html, LitElement } from 'lit';
import { controlStyles } from '../../app-styles/shared-styles';
import { ExampleOpenEvent } from '../../events/example-open';
import type { ExampleEntry } from '../../examples/example-catalog';
import { examplesStyles } from './cb-examples.styles';

/**
 * The examples gallery: one card per bundled notebook, with its title and first paragraph.
 *
 * @fires example-open - the chosen example's name.
 */
export class CbExamples extends LitElement {
  static override styles = [controlStyles, examplesStyles];
  static override properties = {
    examples: { attribute: false },
  };

  declare examples: readonly ExampleEntry[];

  constructor() {
    super();
    this.examples = [];
  }

  override render() {
    if (this.examples.length === 0)
      return html`<p class="empty">No examples are bundled with this build.</p>`;
    return html`<ul>
      ${this.examples.map(
        (example) => html`<li>
          <button @click=${() => this.dispatchEvent(new ExampleOpenEvent(example.name))}>
            <strong>${example.title}</strong>
            <span>${example.description}</span>
          </button>
        </li>`,
      )}
    </ul>`;
  }
}

customElements.define('cb-examples', CbExamples);

declare global {
  interface HTMLElementTagNameMap {
    'cb-examples': CbExamples;
  }
}
