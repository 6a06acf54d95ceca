/**
 * Cells that feed each other in a loop, in data-flow order. Every cell in the loop reports the same
 * message, `cycle: a → b → c → a`, so the user sees the whole loop from any of its cells.
 */
export class CycleError extends Error {
  override readonly name = 'CycleError';
  constructor(readonly cells: readonly string[]) {
    super(`cycle: ${[...cells, cells[0]].join(' → ')}`);
  }
}
