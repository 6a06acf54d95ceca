import type { ValueType } from '../kinds/define-cell-kind';
import { findKindSchema } from '../kinds/schema-registry';

/** Words for value types and cells in messages: `input "kernel" expects a kernel, got an image (cell "m")`. */
const VALUE_NOUNS: Readonly<Record<ValueType, string>> = {
  tensor: 'an image or feature map',
  kernel: 'a kernel',
  loss: 'a loss',
  grad: 'a gradient',
  stats: 'layer statistics',
  note: 'a note',
  dataset: 'a dataset',
  train: 'a training run',
};

export function describeValueTypes(types: readonly ValueType[]): string {
  return types.map((t) => VALUE_NOUNS[t]).join(' or ');
}

/** Names what a cell produced by the kind of cell it is ("an image", "a convolution"), the user's view. */
export function describeSource(kind: string, type: ValueType): string {
  const label = findKindSchema(kind)?.label.toLowerCase();
  if (label === undefined) return VALUE_NOUNS[type];
  return `${/^[aeiou]/.test(label) ? 'an' : 'a'} ${label}`;
}
