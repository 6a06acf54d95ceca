import { at } from '@convbook/core';
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
      out.push({ type: 'code', text: at(code, 1) });
      i += code[0].length;
    } else if (strong) {
      flush();
      out.push({ type: 'strong', children: referenceParseInline(at(strong, 2)) });
      i += strong[0].length;
    } else if (em && !(i > 0 && /[A-Za-z0-9]/.test(at(text, i - 1)))) {
      flush();
      out.push({ type: 'em', children: referenceParseInline(at(em, 2)) });
      i += em[0].length;
    } else if (link) {
      flush();
      const label = referenceParseInline(at(link, 1));
      const href = at(link, 2);
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
