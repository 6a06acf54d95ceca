import { at } from '@convbook/core';
import type { CellSpec } from '../document/notebook-document';
import { CycleError } from './cycle-error';
import { topoSort } from './topo-sort';

/**
 * The dependency structure of a notebook, rebuilt from the document after each structural edit (a few
 * hundred cells at most, so rebuilding is cheaper than keeping it in sync by hand).
 */
export class NotebookGraph {
  /** Cell ids, inputs before the cells that read them. */
  readonly order: readonly string[];
  /** Cells by id, in reading order. */
  readonly cells: ReadonlyMap<string, CellSpec>;
  /** Each cell's index in the document, for JSON paths such as `cells[3].params`. */
  readonly positions: ReadonlyMap<string, number>;
  readonly #dependents: Map<string, string[]>;
  readonly #cycles: Map<string, CycleError>;

  /**
   * `sameWiringAs`: a graph of the same cells, in the same places, with the same inputs (an edit of params
   * or titles). Its order, dependents and cycles are shared instead of worked out again.
   */
  constructor(cells: readonly CellSpec[], sameWiringAs?: NotebookGraph) {
    const byId = new Map<string, CellSpec>();
    for (const cell of cells) byId.set(cell.id, cell); // no [id, cell] pair per cell: this runs on every edit
    this.cells = byId;
    if (sameWiringAs !== undefined) {
      this.positions = sameWiringAs.positions;
      this.order = sameWiringAs.order;
      this.#dependents = sameWiringAs.#dependents;
      this.#cycles = sameWiringAs.#cycles;
      return;
    }
    this.#dependents = new Map();
    this.#cycles = new Map();
    this.positions = new Map(cells.map((c, i) => [c.id, i]));
    const ids = cells.map((c) => c.id);
    for (const cell of cells) {
      for (const source of new Set(inputIds(cell))) {
        const list = this.#dependents.get(source) ?? [];
        list.push(cell.id);
        this.#dependents.set(source, list);
      }
    }
    const { order, cycles } = topoSort(ids, (id) => inputIds(this.cells.get(id)));
    this.order = order;
    for (const members of cycles) {
      const error = new CycleError(this.#walkCycle(members));
      for (const id of members) this.#cycles.set(id, error);
    }
  }

  /** Whether `other` was built with this graph's wiring (or this one with its): same cells, places, inputs. */
  sharesWiringWith(other: NotebookGraph): boolean {
    return this.#dependents === other.#dependents;
  }

  /** Cells that read `id` directly (including cells that exist only in a cycle with it). */
  dependentsOf(id: string): readonly string[] {
    return this.#dependents.get(id) ?? [];
  }

  cycleOf(id: string): CycleError | undefined {
    return this.#cycles.get(id);
  }

  /** `ids` plus every cell downstream of them. */
  downstreamOf(ids: Iterable<string>): Set<string> {
    const seen = new Set<string>();
    const stack = [...ids];
    while (stack.length > 0) {
      const id = stack.pop() as string;
      if (seen.has(id)) continue;
      seen.add(id);
      for (const dependent of this.dependentsOf(id)) if (!seen.has(dependent)) stack.push(dependent);
    }
    return seen;
  }

  /** Every cell `id` reads from, directly or not. */
  upstreamOf(id: string): Set<string> {
    const seen = new Set<string>();
    const stack = [...inputIds(this.cells.get(id))];
    while (stack.length > 0) {
      const next = stack.pop() as string;
      if (seen.has(next) || !this.cells.has(next)) continue;
      seen.add(next);
      stack.push(...inputIds(this.cells.get(next)));
    }
    return seen;
  }

  /**
   * A loop through the members of one cycle in data-flow order, starting from the first in reading order.
   * For a simple cycle this names every member; in a tangle of loops it names one loop through the start.
   */
  #walkCycle(members: readonly string[]): string[] {
    const inCycle = new Set(members);
    const start = at(members, 0);
    const path = [start];
    const visited = new Set(path);
    let current = start;
    for (;;) {
      const next = this.dependentsOf(current).filter((d) => inCycle.has(d));
      const fresh = next.find((d) => !visited.has(d));
      if (fresh === undefined) break;
      path.push(fresh);
      visited.add(fresh);
      current = fresh;
    }
    return path;
  }
}

export function inputIds(cell: CellSpec | undefined): string[] {
  return cell?.inputs === undefined ? [] : Object.values(cell.inputs);
}
