import { html, nothing, type TemplateResult } from 'lit';
import type { MarkdownBlock, MarkdownInline } from './parse-markdown';

/**
 * Markdown tree → Lit templates. Every piece of user text lands in a text binding (`${text}`), which Lit
 * writes as a text node, so there is no path from a note to live markup.
 */
export function renderMarkdown(blocks: readonly MarkdownBlock[]): TemplateResult {
  return html`${blocks.map(renderBlock)}`;
}

function renderBlock(block: MarkdownBlock): TemplateResult {
  switch (block.type) {
    case 'heading': {
      const children = renderInlines(block.children);
      if (block.level === 1) return html`<h2>${children}</h2>`;
      if (block.level === 2) return html`<h3>${children}</h3>`;
      return html`<h4>${children}</h4>`;
    }
    case 'paragraph':
      return html`<p>${renderInlines(block.children)}</p>`;
    case 'list': {
      const items = block.items.map((item) => html`<li>${renderInlines(item)}</li>`);
      return block.ordered ? html`<ol>${items}</ol>` : html`<ul>${items}</ul>`;
    }
    case 'code-block':
      return html`<pre><code>${block.text}</code></pre>`;
  }
}

function renderInlines(inlines: readonly MarkdownInline[]): TemplateResult[] {
  return inlines.map(renderInline);
}

function renderInline(inline: MarkdownInline): TemplateResult {
  switch (inline.type) {
    case 'text':
      return html`${inline.text}`;
    case 'code':
      return html`<code>${inline.text}</code>`;
    case 'em':
      return html`<em>${renderInlines(inline.children)}</em>`;
    case 'strong':
      return html`<strong>${renderInlines(inline.children)}</strong>`;
    case 'link':
      return html`<a href=${inline.href} target="_blank" rel="noopener noreferrer"
        >${renderInlines(inline.children)}</a
      >${nothing}`;
  }
}
