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
    const line = lines[i] ?? '';
    if (FENCE.test(line)) {
      flushParagraph();
      const code: string[] = [];
      i++;
      while (i < lines.length && !FENCE.test(lines[i] ?? '')) code.push(lines[i++] ?? '');
      i++; // the closing fence (or the end of the text when it is missing)
      blocks.push({ type: 'code-block', text: code.join('\n') });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      flushParagraph();
      const level = Math.min((heading[1] ?? '').length, 4) as 1 | 2 | 3 | 4;
      blocks.push({ type: 'heading', level, children: parseInline((heading[2] ?? '').trim()) });
      i++;
      continue;
    }
    const listPattern = BULLET.test(line) ? BULLET : NUMBERED.test(line) ? NUMBERED : null;
    if (listPattern) {
      flushParagraph();
      const items: MarkdownInline[][] = [];
      while (i < lines.length) {
        const item = listPattern.exec(lines[i] ?? '');
        if (!item) break;
        items.push(parseInline((item[1] ?? '').trim()));
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

/**
 * Inline Markdown in one left-to-right pass. Every construct is recognised by finding its closing
 * delimiter, and each delimiter's next position is remembered (ForwardScanner), so a text with thousands
 * of unclosed `[`, `**` or backticks costs linear time, not one rescan of the rest of the text per opener.
 */
export function parseInline(text: string): MarkdownInline[] {
  const out: MarkdownInline[] = [];
  const scan = new ForwardScanner(text);
  let plainStart = 0;
  const flush = (end: number): void => {
    if (end > plainStart) out.push({ type: 'text', text: text.slice(plainStart, end) });
  };
  let i = 0;
  while (i < text.length) {
    const found = inlineAt(text, i, scan);
    if (found === undefined) {
      i++;
      continue;
    }
    flush(i);
    out.push(...found.inlines);
    i = found.end;
    plainStart = i;
  }
  flush(text.length);
  return mergeText(out);
}

/**
 * `text.indexOf` for ever-growing start positions, scanning each stretch of text once per needle: the
 * answer for one start is the answer for every later start up to it. The end of a link url is remembered
 * the same way, so many `[` that share one `](` measure its url once.
 */
class ForwardScanner {
  readonly #text: string;
  readonly #last = new Map<string, { from: number; at: number }>();
  #url = { from: -1, end: -1 };

  constructor(text: string) {
    this.#text = text;
  }

  indexOf(needle: string, from: number): number {
    const cached = this.#last.get(needle);
    if (cached !== undefined && from >= cached.from && (cached.at === -1 || from <= cached.at))
      return cached.at;
    const at = this.#text.indexOf(needle, from);
    this.#last.set(needle, { from, at });
    return at;
  }

  /** Where the url of `[label](url)` starting at `from` ends, after its `)`; -1 when it is not one. */
  linkUrlEnd(from: number): number {
    if (this.#url.from !== from) {
      LINK_URL.lastIndex = from;
      this.#url = { from, end: LINK_URL.test(this.#text) ? LINK_URL.lastIndex : -1 };
    }
    return this.#url.end;
  }
}

/** The construct that starts at `i`, in the order code, strong, emphasis, link; undefined for plain text. */
function inlineAt(
  text: string,
  i: number,
  scan: ForwardScanner,
): { inlines: MarkdownInline[]; end: number } | undefined {
  const char = text[i];
  if (char === '`') {
    const close = scan.indexOf('`', i + 1);
    if (close > i + 1) return { inlines: [{ type: 'code', text: text.slice(i + 1, close) }], end: close + 1 };
  }
  if (char === '*' || char === '_') {
    const delimiter = char + char;
    if (text.startsWith(delimiter, i)) {
      const close = scan.indexOf(delimiter, i + 3);
      if (close !== -1) {
        const children = parseInline(text.slice(i + 2, close));
        return { inlines: [{ type: 'strong', children }], end: close + 2 };
      }
    }
    const close = firstOf(scan.indexOf('*', i + 1), scan.indexOf('_', i + 1));
    if (close > i + 1 && text[close] === char && !isInsideWord(text, i)) {
      return { inlines: [{ type: 'em', children: parseInline(text.slice(i + 1, close)) }], end: close + 1 };
    }
  }
  if (char === '[') return linkAt(text, i, scan);
  return undefined;
}

/** `[label](url)`, the url allowing one level of (parens); an unsafe url leaves only its label. */
function linkAt(
  text: string,
  i: number,
  scan: ForwardScanner,
): { inlines: MarkdownInline[]; end: number } | undefined {
  const close = scan.indexOf(']', i + 1);
  if (close <= i + 1 || text[close + 1] !== '(') return undefined;
  const url = scan.linkUrlEnd(close + 2);
  if (url === -1) return undefined;
  const label = parseInline(text.slice(i + 1, close));
  const href = text.slice(close + 2, url - 1);
  return { inlines: isSafeHref(href) ? [{ type: 'link', href, children: label }] : label, end: url };
}

/** Sticky: matched right after `](`. It stops at the first space or unmatched paren, so it never backtracks far. */
const LINK_URL = /(?:[^()\s]|\([^()\s]*\))+\)/y;

function firstOf(a: number, b: number): number {
  if (a === -1) return b;
  if (b === -1) return a;
  return Math.min(a, b);
}

/** `snake_case_name` is not emphasis: an underscore or star glued to a letter on the left stays literal. */
function isInsideWord(text: string, index: number): boolean {
  return index > 0 && /[A-Za-z0-9]/.test(text[index - 1] ?? '');
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
