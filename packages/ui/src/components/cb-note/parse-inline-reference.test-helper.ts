import { isSafeHref, type MarkdownInline } from './parse-markdown';

/**
 * The inline parser as it was before it was made linear: one regex per construct at every position. It is
 * quadratic on hostile text but plainly follows the rules, so the linear parser is checked against it on
 * short random texts.
 */
export function referenceParseInline(text: string): MarkdownInline[] {
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
    const link = /^\[([^\]]+)\]\(((?:[^()\s]|\([^()\s]*\))+)\)/.exec(rest);
    if (code) {
      flush();
      out.push({ type: 'code', text: code[1] as string });
      i += code[0].length;
    } else if (strong) {
      flush();
      out.push({ type: 'strong', children: referenceParseInline(strong[2] as string) });
      i += strong[0].length;
    } else if (em && !(i > 0 && /[A-Za-z0-9]/.test(text[i - 1] as string))) {
      flush();
      out.push({ type: 'em', children: referenceParseInline(em[2] as string) });
      i += em[0].length;
    } else if (link) {
      flush();
      const label = referenceParseInline(link[1] as string);
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
  return merge(out);
}

function merge(inlines: MarkdownInline[]): MarkdownInline[] {
  const merged: MarkdownInline[] = [];
  for (const inline of inlines) {
    const last = merged[merged.length - 1];
    if (inline.type === 'text' && last?.type === 'text')
      merged[merged.length - 1] = { type: 'text', text: last.text + inline.text };
    else merged.push(inline);
  }
  return merged;
}
