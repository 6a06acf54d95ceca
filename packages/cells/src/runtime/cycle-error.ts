/** A loop longer than this is named by its first and last cells only, so its message stays short. */
export const MAX_NAMED_CYCLE_CELLS = 8;

/**
 * Cells that feed each other in a loop, in data-flow order. Every cell in the loop reports the same
 * message, `cycle: a → b → c → a`, so the user sees the whole loop from any of its cells. A long loop (a
 * hostile file can make one of 500 cells with 100-character ids) is shortened to its ends and a count:
 * `cycle of 500 cells: a → b → c → d → … → x → y → z → a`, a few hundred characters at most.
 */
export class CycleError extends Error {
  override readonly name = 'CycleError';
  constructor(readonly cells: readonly string[]) {
    super(describeCycle(cells));
  }
}

function describeCycle(cells: readonly string[]): string {
  const loop = [...cells, cells[0]];
  if (cells.length <= MAX_NAMED_CYCLE_CELLS) return `cycle: ${loop.join(' → ')}`;
  const half = MAX_NAMED_CYCLE_CELLS / 2;
  const shown = [...loop.slice(0, half), '…', ...loop.slice(-half)];
  return `cycle of ${cells.length} cells: ${shown.join(' → ')}`;
}
