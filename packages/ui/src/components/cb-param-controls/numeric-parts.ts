import { humanize } from '../../catalog/controls-from-schema';

/**
 * Structured parameters (a grad cell's `selectedWeight` [o, c, i, j], its `train` { steps, learningRate },
 * a weights cell's `shape`) that the generic controls would otherwise show as read-only JSON: their
 * numeric parts, each editable on its own. Indices are shown 1-based like every other position in the UI
 * and stored 0-based.
 */
export interface NumericPart {
  /** Array index or object key in the parameter value. */
  readonly key: number | string;
  readonly label: string;
  /** What the input shows (1-based for indices). */
  readonly shown: number;
  /** Added to the stored number to get the shown one. */
  readonly offset: number;
  readonly integer: boolean;
}

/** Names for the positions of index arrays that mean something in the lecture. */
const INDEX_NAMES: Readonly<Record<string, readonly string[]>> = {
  selectedWeight: ['Kernel', 'Channel', 'Row', 'Column'],
};

/**
 * Names for the entries of size arrays, by how many there are: a weights cell's shape is a conv bank
 * [O, C, kh, kw] (named as the kernel cell's shape fields are) or a dense matrix [units, inputs].
 */
const SIZE_NAMES: Readonly<Record<string, Readonly<Record<number, readonly string[]>>>> = {
  shape: { 4: ['Kernels', 'Channels', 'Rows', 'Columns'], 2: ['Outputs', 'Inputs'] },
};

/** The numeric parts of an array or flat object value; undefined when there are none to edit. */
export function numericParts(name: string, value: unknown): NumericPart[] | undefined {
  if (Array.isArray(value)) {
    if (value.length === 0 || !value.every((v) => typeof v === 'number')) return undefined;
    const indexNames = INDEX_NAMES[name];
    const names = indexNames ?? SIZE_NAMES[name]?.[value.length];
    // Indices count from 1 on screen; sizes are shown as they are.
    const offset = indexNames ? 1 : 0;
    return value.map((v: number, i) => ({
      key: i,
      label: names?.[i] ?? `${humanize(name)} ${i + 1}`,
      shown: v + offset,
      offset,
      integer: names !== undefined || Number.isInteger(v),
    }));
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const parts = Object.entries(value)
    .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
    .map(([key, v]) => ({ key, label: humanize(key), shown: v, offset: 0, integer: key === 'steps' }));
  return parts.length > 0 ? parts : undefined;
}

/** The parameter value with one part replaced by what the user typed (converted back to stored form). */
export function withPart(value: unknown, part: NumericPart, typed: number): unknown {
  const stored = typed - part.offset;
  if (Array.isArray(value)) return value.map((v, i) => (i === part.key ? stored : v));
  if (typeof value === 'object' && value !== null) return { ...value, [part.key]: stored };
  return value;
}
