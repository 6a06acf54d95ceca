/**
 * Moving between cells by keyboard: Alt+↓ / Alt+↑ work from any control in a cell (plain arrows belong
 * to the control: a number field steps, a select picks, a map moves its probe).
 * Returns +1 (next cell), -1 (previous) or 0 (not a cell step).
 */
export function cellStepFromKey(event: {
  readonly key: string;
  readonly altKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
}): -1 | 0 | 1 {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return 0;
  if (event.key === 'ArrowDown') return 1;
  if (event.key === 'ArrowUp') return -1;
  return 0;
}
