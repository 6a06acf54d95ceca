import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceParseInline } from './parse-inline-reference.test-helper';
import { isSafeHref, parseInline, parseMarkdown } from './parse-markdown';

describe('parseMarkdown', () => {
  it('splits headings, paragraphs, lists and fenced code into blocks', () => {
    const blocks = parseMarkdown(
      '# Padding\n\nZeros around\nthe border.\n\n- one\n- two\n\n1. first\n\n```\na = 1\n```',
    );
    expect(blocks).toEqual([
      { type: 'heading', level: 1, children: [{ type: 'text', text: 'Padding' }] },
      { type: 'paragraph', children: [{ type: 'text', text: 'Zeros around the border.' }] },
      {
        type: 'list',
        ordered: false,
        items: [[{ type: 'text', text: 'one' }], [{ type: 'text', text: 'two' }]],
      },
      { type: 'list', ordered: true, items: [[{ type: 'text', text: 'first' }]] },
      { type: 'code-block', text: 'a = 1' },
    ]);
  });

  it('keeps raw HTML as literal text', () => {
    const blocks = parseMarkdown('<img src=x onerror=alert(1)> <script>alert(2)</script>');
    expect(blocks).toEqual([
      {
        type: 'paragraph',
        children: [{ type: 'text', text: '<img src=x onerror=alert(1)> <script>alert(2)</script>' }],
      },
    ]);
  });
});

describe('parseInline', () => {
  it('parses emphasis, strong, code and links', () => {
    expect(parseInline('a *b* **c** `d` [e](https://example.org)')).toEqual([
      { type: 'text', text: 'a ' },
      { type: 'em', children: [{ type: 'text', text: 'b' }] },
      { type: 'text', text: ' ' },
      { type: 'strong', children: [{ type: 'text', text: 'c' }] },
      { type: 'text', text: ' ' },
      { type: 'code', text: 'd' },
      { type: 'text', text: ' ' },
      { type: 'link', href: 'https://example.org', children: [{ type: 'text', text: 'e' }] },
    ]);
  });

  it('turns a javascript: link into its plain label', () => {
    expect(parseInline('[click](javascript:alert(1))')).toEqual([{ type: 'text', text: 'click' }]);
  });

  it('leaves underscores inside words alone', () => {
    expect(parseInline('feature_map_size')).toEqual([{ type: 'text', text: 'feature_map_size' }]);
  });
});

describe('isSafeHref', () => {
  it('accepts only absolute http and https URLs', () => {
    expect(isSafeHref('https://example.org/a')).toBe(true);
    expect(isSafeHref('http://example.org')).toBe(true);
    expect(isSafeHref('javascript:alert(1)')).toBe(false);
    expect(isSafeHref('data:text/html,hi')).toBe(false);
    expect(isSafeHref('/relative')).toBe(false);
  });
});

describe('parseInline on hostile text', () => {
  it('reads every text as the rule-by-rule reference does', () => {
    // Delimiters, link syntax and a few letters, so that openers, closers and urls meet often.
    const pieces = ['*', '**', '_', '__', '`', '[', ']', '(', ')', '](', 'https://a.b', ' ', 'a', 'x_y'];
    const text = fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((p) => p.join(''));
    fc.assert(
      fc.property(text, (t) => {
        expect(parseInline(t)).toEqual(referenceParseInline(t));
      }),
      { numRuns: 1000 },
    );
  });

  // A quadratic parser takes 256× as long on 16× the text, a linear one about 16×. The ratio of the
  // fastest of a few runs at each size is compared, so the check does not depend on how fast this machine
  // is, and the bound sits 4× away from either (other tests share the cores).
  const hostile: Record<string, (n: number) => string> = {
    'unclosed [': (n) => '['.repeat(n),
    'unclosed **': (n) => '**a '.repeat(n / 4),
    'unclosed `': (n) => '`a'.repeat(n / 2),
    'many [ before one unclosed url': (n) => `${'['.repeat(n)}a](${'u'.repeat(n)}`,
    'emphasis openers glued to words': (n) => 'a_'.repeat(n / 2),
  };
  for (const [name, make] of Object.entries(hostile)) {
    it(`takes linear time on ${name}`, () => {
      const small = fastest(() => parseMarkdown(make(6_250)));
      const large = fastest(() => parseMarkdown(make(100_000)));
      expect(large / Math.max(small, 1)).toBeLessThan(64);
    });
  }
});

function fastest(run: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 5; i++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}
