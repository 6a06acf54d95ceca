import { html, nothing, type TemplateResult } from 'lit';

/**
 * A title people can edit in place that wraps onto more lines instead of ending in an ellipsis: a cut
 * "Cross-correlati…" and "Convolution (…" read the same, and the rest of the title is often the point.
 * Used for cell titles and the notebook title; styled by `titleFieldStyles`.
 *
 * A one-row textarea cannot size itself to its text, so it shares one grid cell with a hidden copy of the
 * text (the wrapper's ::after, same font, padding and wrapping): the copy gives the cell its height, and
 * nothing has to be measured. Enter commits as in a one-line field; a title never holds a line break.
 */
export interface TitleFieldProps {
  readonly value: string;
  /** The accessible name ("Cell title"). */
  readonly label: string;
  readonly placeholder?: string | undefined;
  /** Receives the edited title with its whitespace collapsed (a pasted line break becomes a space). */
  readonly onCommit: (title: string) => void;
}

export function renderTitleField(props: TitleFieldProps): TemplateResult {
  const { value, label, placeholder, onCommit } = props;
  // The copy follows every keystroke, so the box grows or shrinks as the title is typed.
  const mirror = (field: HTMLTextAreaElement) => {
    const wrapper = field.parentElement;
    if (wrapper) wrapper.dataset.replica = field.value || (placeholder ?? '');
  };
  const commit = (field: HTMLTextAreaElement) => {
    const title = collapseWhitespace(field.value);
    // Enter committed already; the blur that follows fires `change` again for the same text.
    if (field.dataset.committed === title) return;
    field.dataset.committed = title;
    onCommit(title);
  };
  return html`<span class="title-field" data-replica=${value || (placeholder ?? '')}><textarea
      class="title"
      rows="1"
      cols="1"
      spellcheck="false"
      aria-label=${label}
      placeholder=${placeholder ?? nothing}
      .value=${value}
      @input=${(e: InputEvent) => {
        const field = e.target as HTMLTextAreaElement;
        delete field.dataset.committed;
        mirror(field);
      }}
      @keydown=${(e: KeyboardEvent) => {
        if (e.key !== 'Enter' || e.isComposing) return;
        e.preventDefault();
        commit(e.target as HTMLTextAreaElement);
      }}
      @change=${(e: Event) => commit(e.target as HTMLTextAreaElement)}
    ></textarea></span>`;
}

/** One line, single spaces, no padding: what a title is stored as. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
