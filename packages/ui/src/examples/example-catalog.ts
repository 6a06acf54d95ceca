import { type MarkdownInline, parseMarkdown } from '../components/cb-note/parse-markdown';

/**
 * The example notebooks shipped in /examples, bundled into the app (they are small JSON files) so the
 * gallery works offline and from any static server. `lecture` is the one a first visit opens.
 */

export interface ExampleEntry {
  /** File name without `.json`, e.g. `sobel-edges`. */
  readonly name: string;
  readonly title: string;
  /** The first paragraph of the first note, as plain text. */
  readonly description: string;
  /** The raw JSON value; the worker validates it on load. */
  readonly document: unknown;
}

export const FIRST_VISIT_EXAMPLE = 'lecture';

const modules: Record<string, unknown> = import.meta.glob('../../../../examples/*.json', {
  eager: true,
  import: 'default',
});

export const examples: readonly ExampleEntry[] = Object.entries(modules)
  .map(([path, document]) => describeExample(path, document))
  .sort((a, b) =>
    a.name === FIRST_VISIT_EXAMPLE ? -1 : b.name === FIRST_VISIT_EXAMPLE ? 1 : a.title.localeCompare(b.title),
  );

export function findExample(name: string): ExampleEntry | undefined {
  return examples.find((example) => example.name === name);
}

export function describeExample(path: string, document: unknown): ExampleEntry {
  const name = (path.split('/').pop() ?? path).replace(/\.json$/, '');
  const record =
    typeof document === 'object' && document !== null ? (document as Record<string, unknown>) : {};
  const title = typeof record.title === 'string' && record.title !== '' ? record.title : name;
  return { name, title, description: firstNoteParagraph(record.cells), document };
}

function firstNoteParagraph(cells: unknown): string {
  if (!Array.isArray(cells)) return '';
  for (const cell of cells) {
    const markdown = (cell as { kind?: unknown; params?: { markdown?: unknown } })?.params?.markdown;
    if ((cell as { kind?: unknown })?.kind !== 'note' || typeof markdown !== 'string') continue;
    const paragraph = parseMarkdown(markdown).find((block) => block.type === 'paragraph');
    if (paragraph?.type !== 'paragraph') continue;
    const plain = plainText(paragraph.children).replace(/\s+/g, ' ').trim();
    return plain.length > 180 ? `${plain.slice(0, 177).trimEnd()}…` : plain;
  }
  return '';
}

function plainText(inlines: readonly MarkdownInline[]): string {
  return inlines.map((inline) => ('text' in inline ? inline.text : plainText(inline.children))).join('');
}
