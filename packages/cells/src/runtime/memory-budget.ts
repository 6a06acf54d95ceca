import type { CellValue } from '../cell-value';
import type { CellState } from './cell-state';

/**
 * One memory budget for the whole notebook. Each cell is within its own limits (a 4096² image, a conv of
 * at most 3×4096² values), but forty of them add up to gigabytes; so the scheduler keeps a running total
 * of the bytes held by every cell's value, and refuses a computation whose output estimate (or, for kinds
 * that cannot estimate, its actual result) would take the total past the budget. Only that cell errs.
 */
export const DEFAULT_MEMORY_BUDGET = 2 ** 30;

/** The cell states, keeping the total bytes of the ok values in it up to date on every write. */
export class StateTable extends Map<string, CellState> {
  #liveBytes = 0;

  get liveBytes(): number {
    return this.#liveBytes;
  }

  override set(id: string, state: CellState): this {
    this.#liveBytes += stateBytes(state) - stateBytes(this.get(id));
    return super.set(id, state);
  }

  override delete(id: string): boolean {
    this.#liveBytes -= stateBytes(this.get(id));
    return super.delete(id);
  }

  override clear(): void {
    this.#liveBytes = 0;
    super.clear();
  }
}

/** Bytes that computations in flight have been allowed to make but have not delivered yet. */
export class MemoryBudget {
  readonly limit: number;
  readonly #reserved = new Map<string, number>();
  #reservedTotal = 0;
  /** Cells refused, each with what the others held then: they retry once the others hold less. */
  readonly #refused = new Map<string, number>();

  constructor(limit = DEFAULT_MEMORY_BUDGET) {
    this.limit = limit;
  }

  /**
   * Why `id` may not hold `bytes` more, or undefined when it may. What `id` itself holds now does not
   * count: its new value replaces it.
   */
  refuse(id: string, bytes: number, states: StateTable): string | undefined {
    const others = this.#othersThan(id, states);
    if (others + bytes <= this.limit) {
      this.#refused.delete(id);
      return undefined;
    }
    this.#refused.set(id, others);
    return (
      `not enough memory: this cell needs ${formatBytes(bytes)}, but the other cells already hold ` +
      `${formatBytes(others)} of the notebook's ${formatBytes(this.limit)} memory budget; ` +
      'remove or shrink some cells, or raise the budget'
    );
  }

  /** Refused cells that might fit now, because the other cells hold less than when they were refused. */
  *retryable(states: StateTable): Generator<string> {
    for (const [id, othersThen] of [...this.#refused]) {
      if (states.has(id) && this.#othersThan(id, states) >= othersThen) continue;
      this.#refused.delete(id); // refused again, it is added again
      if (states.has(id)) yield id;
    }
  }

  #othersThan(id: string, states: StateTable): number {
    return (
      states.liveBytes - stateBytes(states.get(id)) + this.#reservedTotal - (this.#reserved.get(id) ?? 0)
    );
  }

  reserve(id: string, bytes: number): void {
    this.release(id);
    this.#reserved.set(id, bytes);
    this.#reservedTotal += bytes;
  }

  release(id: string): void {
    this.#reservedTotal -= this.#reserved.get(id) ?? 0;
    this.#reserved.delete(id);
  }
}

function stateBytes(state: CellState | undefined): number {
  return state?.status === 'ok' ? valueBytes(state.value) : 0;
}

const measured = new WeakMap<object, number>();

/**
 * The bytes of the typed arrays a value holds, each array counted once. Found by walking the value, so
 * value types added later (a training run's weights) count too.
 */
export function valueBytes(value: CellValue): number {
  let bytes = measured.get(value);
  if (bytes === undefined) {
    const arrays = new Set<ArrayBufferView>();
    collectArrays(value, arrays, 0);
    bytes = 0;
    for (const array of arrays) bytes += array.byteLength;
    measured.set(value, bytes);
  }
  return bytes;
}

const MAX_DEPTH = 6;

function collectArrays(node: unknown, arrays: Set<ArrayBufferView>, depth: number): void {
  if (typeof node !== 'object' || node === null || depth > MAX_DEPTH) return;
  if (ArrayBuffer.isView(node)) {
    arrays.add(node);
    return;
  }
  if (Array.isArray(node)) {
    if (typeof node[0] === 'number') return; // a loss curve and the like: small, and never a tensor
    for (const item of node) collectArrays(item, arrays, depth + 1);
    return;
  }
  for (const key of Object.keys(node))
    collectArrays((node as Record<string, unknown>)[key], arrays, depth + 1);
}

/** 1536 → "1.5 KB", 201326592 → "192 MB", 2^30 → "1 GB" (binary units, as memory is counted). */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown =
    unit === 0 ? String(Math.round(value)) : String(Number(value.toPrecision(value < 10 ? 2 : 3)));
  return `${shown} ${units[unit]}`;
}
