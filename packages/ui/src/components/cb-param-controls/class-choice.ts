/**
 * The digit classes a digits cell keeps, as ten checkboxes. Unset means all ten. Ticking keeps the
 * order the notebook lists its classes in (the network's outputs follow it) and adds a new digit at
 * the end; ticking all ten again clears the setting, which is the same as listing 0 … 9.
 */
export const DIGIT_CLASSES: readonly number[] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

/** The classes shown ticked for a setting (a value a file brought in may be malformed: all ten then). */
export function tickedClasses(value: unknown): readonly number[] {
  if (!Array.isArray(value)) return DIGIT_CLASSES;
  return value.filter((digit): digit is number => DIGIT_CLASSES.includes(digit as number));
}

/** The setting after `digit` is ticked or unticked; undefined once every digit is ticked. */
export function toggledClasses(value: unknown, digit: number, ticked: boolean): number[] | undefined {
  const current = tickedClasses(value).filter((d) => d !== digit);
  const next = ticked ? [...current, digit] : current;
  return next.length === DIGIT_CLASSES.length ? undefined : next;
}
