import type { KindWords, KindWordsLookup } from '@convbook/cells';
import type { KindInfo } from './value-types';

/**
 * The words `describeProblem` / `describeCellError` need (kind label, field labels, slot labels), read
 * from the kind info the page already has, so plain-word errors need no registry on the page.
 */
export function kindWordsFromInfo(kinds: ReadonlyMap<string, KindInfo>): KindWordsLookup {
  const table = new Map<string, KindWords>();
  for (const [name, info] of kinds) {
    table.set(name, {
      label: info.label,
      fieldLabels: Object.fromEntries(info.controls.map((control) => [control.name, control.label])),
      slotLabels: Object.fromEntries(
        Object.entries(info.inputs).flatMap(([slot, input]) => (input.label ? [[slot, input.label]] : [])),
      ),
    });
  }
  return (kind) => table.get(kind);
}
