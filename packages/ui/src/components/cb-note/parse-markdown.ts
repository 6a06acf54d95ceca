/**
 * A tiny Markdown subset parsed to a plain tree, never to HTML: headings, paragraphs, bullet and numbered
 * lists, fenced code, `code`, *emphasis*, **strong** and [links](https://…). Rendering the tree with Lit
 * templates (render-markdown.ts) means a shared note can only ever produce text nodes and these few
 * elements: any `<script>` or `onerror=` in the source stays literal text.
 */

export type MarkdownInline =
  | { readonly type: 'text'; readonly text: string }
  | { readonly type: 'code'; readonly text: string }
  | { readonly type: 'em' | 'strong'; readonly children: readonly MarkdownInline[] }
  | { readonly type: 'link'; readonly href: string; readonly children: readonly MarkdownInline[] };

export type MarkdownBlock =
  | { readonly type: 'heading'; readonly level: 1 | 2 | 3 | 4; readonly children: readonly MarkdownInline[] }
  | { readonly type: 'paragraph'; readonly children: readonly MarkdownInline[] }
  | { readonly type: 'list'; readonly ordered: boolean; readonly items: readonly MarkdownInline[][] }
  | { readonly type: 'code-block'; readonly text: string };

const HEADING = /^(#{1,6})\s+(.*)$/;
const BULLET = /^\s*[-*+]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;
const FENCE = /^\s*```/;

export function parseMarkdown(source: string): MarkdownBlock[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: MarkdownBlock[] = [];
  let paragraph: string[] = [];
  const flushParagraph = (): void => {
    if (paragraph.length > 0) blocks.push({ type: 'paragraph', children: parseInline(paragraph.join(' ')) });
    paragraph = [];
  };
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    if (FENCE.test(line)) {
      flushParagraph();
      const code: string[] = [];
      i++;
      while (i < lines.length && !FENCE.test(lines[i] as string)) code.push(lines[i++] as string);
      i++; // the closing fence (or the end of the text when it is missing)
      blocks.push({ type: 'code-block', text: code.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flushParagraph();
      const level = Math.min((heading[1] as string).length, 4) as 1 | 2 | 3 | 4;
      blocks.push({ type: 'heading', level, children: parseInline((heading[2] as string).trim()) });
      i++;
      continue;
    }
    const listPattern = BULLET.test(line) ? BULLET : NUMBERED.test(line) ? NUMBERED : null;
    if (listPattern) {
      flushParagraph();
      const items: MarkdownInline[][] = [];
      while (i < lines.length) {
        const item = listPattern.exec(lines[i] as string);
        if (!item) break;
        items.push(parseInline((item[1] as string).trim()));
        i++;
      }
      blocks.push({ type: 'list', ordered: listPattern === NUMBERED, items });
      continue;
    }
    if (line.trim() === '') flushParagraph();
    else paragraph.push(line.trim());
    i++;
  }
  flushParagraph();
  return blocks;
}

/** Only absolute http(s) links survive; anything else (javascript:, data:, relative) renders as text. */
export function isSafeHref(href: string): boolean {
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export function parseInline(text: string): MarkdownInline[] {
  const out: MarkdownInline[] = [];
  let plain = '';
  const flush = (): void => {
    if (plain) out.push({ type: 'text', text: plain });
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const code = /^`([^`]+)`/.exec(rest);
    const strong = /^(\*\*|__)(.+?)\1/.exec(rest);
    const em = /^(\*|_)([^*_]+?)\1/.exec(rest);
    const link = /^\[([^\]]+)\]\(((?:[^()\s]|\([^()\s]*\))+)\)/.exec(rest); // one level of (parens) in URLs
    if (code) {
      flush();
      out.push({ type: 'code', text: code[1] as string });
      i += code[0].length;
    } else if (strong) {
      flush();
      out.push({ type: 'strong', children: parseInline(strong[2] as string) });
      i += strong[0].length;
    } else if (em && !isInsideWord(text, i)) {
      flush();
      out.push({ type: 'em', children: parseInline(em[2] as string) });
      i += em[0].length;
    } else if (link) {
      flush();
      const label = parseInline(link[1] as string);
      const href = link[2] as string;
      if (isSafeHref(href)) out.push({ type: 'link', href, children: label });
      else out.push(...label);
      i += link[0].length;
    } else {
      plain += text[i];
      i++;
    }
  }
  flush();
  return mergeText(out);
}

/** `snake_case_name` is not emphasis: an underscore or star glued to a letter on the left stays literal. */
function isInsideWord(text: string, index: number): boolean {
  return index > 0 && /[A-Za-z0-9]/.test(text[index - 1] as string);
}

function mergeText(inlines: MarkdownInline[]): MarkdownInline[] {
  const merged: MarkdownInline[] = [];
  for (const inline of inlines) {
    const last = merged[merged.length - 1];
    if (inline.type === 'text' && last?.type === 'text')
      merged[merged.length - 1] = { type: 'text', text: last.text + inline.text };
    else merged.push(inline);
  }
  return merged;
}
