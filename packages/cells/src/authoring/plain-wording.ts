/**
 * The schema DSL's messages (param-schema.ts, tensor-literal.ts, validate-notebook.ts) reworded for people:
 * "must be an integer >= 1, got 0" → "must be a whole number ≥ 1 — got 0". One rule per message shape;
 * anything unrecognised (a kind's own cross-field check) is already a sentence and passes through with only
 * the symbols softened. The rules match the DSL's exact wording, and the tests cover every message it makes.
 */

interface Rule {
  readonly pattern: RegExp;
  readonly plain: (...groups: string[]) => string;
}

const VALUE_TYPES: Readonly<Record<string, string>> = {
  tensor: 'image or map',
  kernel: 'kernel',
  loss: 'loss',
  grad: 'gradient',
  stats: 'statistics',
  note: 'note',
};

const RULES: readonly Rule[] = [
  {
    pattern: /^must be an integer >= (\S+), got (.+)$/,
    plain: (min, got) => `must be a whole number ≥ ${min} — got ${got}`,
  },
  {
    pattern: /^must be an integer <= (\S+), got (.+)$/,
    plain: (max, got) => `must be a whole number ≤ ${max} — got ${got}`,
  },
  { pattern: /^must be an integer, got (.+)$/, plain: (got) => `must be a whole number — got ${got}` },
  {
    pattern: /^must be a number >= (\S+), got (.+)$/,
    plain: (min, got) => `must be at least ${min} — got ${got}`,
  },
  {
    pattern: /^must be a number <= (\S+), got (.+)$/,
    plain: (max, got) => `must be at most ${max} — got ${got}`,
  },
  {
    pattern: /^must be a finite number, got (.+)$/,
    plain: (got) => `must be an ordinary number, not infinite or NaN — got ${got}`,
  },
  {
    pattern: /^must be within ±3\.4e38 \(float32\), got (.+)$/,
    plain: (got) => `is too large to store: numbers must stay within ±3.4 × 10³⁸ — got ${got}`,
  },
  { pattern: /^must be a number, got (.+)$/, plain: (got) => `must be a number — got ${got}` },
  {
    pattern: /^must be true or false, got (.+)$/,
    plain: (got) => `must be on or off (true or false) — got ${got}`,
  },
  { pattern: /^must be a string, got (.+)$/, plain: (got) => `must be text — got ${got}` },
  {
    pattern: /^must be at most (\d+) characters, got (\d+)$/,
    plain: (max, got) => `must be at most ${max} characters long — got ${got}`,
  },
  {
    pattern: /^must be one of (.+), got (.+)$/,
    plain: (options, got) => `must be one of ${options.replaceAll('"', '')} — got ${got}`,
  },
  {
    pattern: /^must be a list of numbers, got (.+)$/,
    plain: (got) => `must be a list of numbers — got ${got}`,
  },
  {
    pattern: /^must have (\d+) entries, got (\d+)$/,
    plain: (n, got) => `must have exactly ${n} entries — got ${got}`,
  },
  {
    pattern: /^must have (\d+) to (\d+) entries, got (\d+)$/,
    plain: (a, b, got) => `must have ${a} to ${b} entries — got ${got}`,
  },
  {
    pattern: /^must be an object, got (.+)$/,
    plain: (got) => `must be a group of named settings — got ${got}`,
  },
  {
    pattern: /^unknown (\w+) \(known: (.+)\)$/,
    plain: (noun, known) => `is not a ${noun} this cell has (it has: ${known})`,
  },
  {
    pattern: /^unknown (\w+) \(it takes none\)$/,
    plain: (noun) => `is not a ${noun} this cell has (it has none)`,
  },
  {
    pattern: /^is required: an? (.+) cell$/,
    plain: (types) =>
      `is not connected: pick ${article(types.split(' or ').map(valueTypeName).join(' or '))} cell`,
  },
  { pattern: /^is required: (.+)$/, plain: (expected) => `is missing: it needs ${softenExpected(expected)}` },
  {
    pattern: /^must have (.+) levels of nesting, got (\d+)$/,
    plain: (ranks, got) => `must be a list nested ${ranks} levels deep — got ${got}`,
  },
  {
    pattern: /^must not be empty \(dimension (\d+) has 0 entries\)$/,
    plain: (axis) => `must not be empty — its level ${Number(axis) + 1} list has no entries`,
  },
  {
    pattern: /^dimension (\d+) has (\d+) entries, the limit is (\d+)$/,
    plain: (axis, n, max) =>
      `is too big: its level ${Number(axis) + 1} list has ${n} entries, at most ${max} are allowed`,
  },
  { pattern: /^(\d+) more bad entries not listed$/, plain: (n) => `has ${n} more bad entries (not listed)` },
  {
    pattern: /^refers to missing cell "(.+)"$/,
    plain: (id) => `is wired to cell "${id}", which does not exist`,
  },
  { pattern: /^must be a cell id, got (.+)$/, plain: (got) => `must name a cell — got ${got}` },
  {
    pattern: /^must use only (.+), got (.+)$/,
    plain: (allowed, got) => `may use only ${allowed} — got ${got}`,
  },
  { pattern: /^duplicate id "(.+)"$/, plain: (id) => `"${id}" is already the id of another cell` },
  {
    pattern: /^must be (.+); got (.+)$/,
    plain: (expected, got) => `must be ${softenExpected(expected)} — got ${got}`,
  },
  {
    pattern: /^must be (.+), got (.+)$/,
    plain: (expected, got) => `must be ${softenExpected(expected)} — got ${got}`,
  },
  { pattern: /^unknown field$/, plain: () => 'is not part of the notebook format' },
  // Kinds' own checks (kernel, image): the same shapes of sentence, in the same words.
  {
    pattern: /^needs exactly one of (.+); got (.+)$/,
    plain: (sources, got) => `needs exactly one source (${orList(sources.split(', '))}) — got ${got}`,
  },
  { pattern: /^(must .+), got (.+)$/, plain: (rule, got) => `${softenSymbols(rule)} — got ${got}` },
];

/** "a, b, c" → "a, b or c". */
function orList(items: readonly string[]): string {
  return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/** One DSL message in plain words (without the field or cell, which the caller puts in front). */
export function plainMessage(message: string): string {
  for (const rule of RULES) {
    const match = rule.pattern.exec(message);
    if (match) return rule.plain(...match.slice(1));
  }
  return softenSymbols(message);
}

/** A schema's `expected` text ("an integer from 1 to 64, or a list of 2 numbers") in the same words. */
export function softenExpected(expected: string): string {
  const words = expected.replaceAll('an integer', 'a whole number').replaceAll('"', '');
  // A tensor literal's limits read "[≤4][≤4]"; people read sizes as "up to 4×4".
  return softenSymbols(words).replace(/(?:\[≤\d+\])+/g, (shape) => `up to ${shape.match(/\d+/g)?.join('×')}`);
}

function softenSymbols(text: string): string {
  return text.replaceAll('>=', '≥').replaceAll('<=', '≤');
}

function valueTypeName(type: string): string {
  return VALUE_TYPES[type] ?? type;
}

function article(words: string): string {
  return /^[aeiou]/i.test(words) ? `an ${words}` : `a ${words}`;
}
