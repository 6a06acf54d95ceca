import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * Puts `markdown` into BENCHMARKS.md between `<!-- name:start -->` and `<!-- name:end -->`: replaces the
 * block from an earlier run in place, or appends it. The core bench rewrites the file from scratch, so
 * `pnpm bench` runs it first and the benches that append (this one, the browser's) after it.
 */
export function writeBenchmarksBlock(path: string, name: string, markdown: string): void {
  const startMarker = `<!-- ${name}:start -->`;
  const endMarker = `<!-- ${name}:end -->`;
  const block = `${startMarker}\n${markdown.trim()}\n${endMarker}\n`;
  const existing = existsSync(path) ? readFileSync(path, 'utf8') : '# Benchmarks\n';
  const start = existing.indexOf(startMarker);
  const end = existing.indexOf(endMarker);
  const next =
    start >= 0 && end > start
      ? `${existing.slice(0, start)}${block}${existing.slice(end + endMarker.length).replace(/^\n/, '')}`
      : `${existing.trimEnd()}\n\n${block}`;
  writeFileSync(path, next);
}
