/**
 * How many cells the notebook renders, from the top. Opening (or pasting) hundreds of cells renders the
 * first CHUNK at once and CHUNK more per task after that, so no task builds hundreds of cells; an edit
 * that adds a few cells shows them at once.
 */

/** Cells added per task while a long notebook appears: each costs ~0.1 ms to create (its body renders later). */
export const SHOWN_CHUNK = 20;

export class ShownPrefix {
  /** Cells rendered from the top; Infinity once every cell is. */
  #limit = Number.POSITIVE_INFINITY;
  #known = new Set<string>();
  readonly #chunk: number;

  constructor(chunk = SHOWN_CHUNK) {
    this.#chunk = chunk;
  }

  /** Whether cells are still being added (the notebook marks itself so tests wait for the rest). */
  get growing(): boolean {
    return Number.isFinite(this.#limit);
  }

  /** Takes the document's new cell order; many new cells at once restart the growth at the first of them. */
  update(ids: readonly string[]): void {
    let fresh = 0;
    let firstFresh = -1;
    for (const [index, id] of ids.entries()) {
      if (this.#known.has(id)) continue;
      fresh++;
      if (firstFresh === -1) firstFresh = index;
    }
    this.#known = new Set(ids);
    if (fresh > this.#chunk) this.#limit = Math.min(this.#limit, firstFresh) + this.#chunk;
    if (this.#limit >= ids.length) this.#limit = Number.POSITIVE_INFINITY;
  }

  /** One more chunk; returns whether more remain after it. */
  grow(total: number): boolean {
    if (!this.growing) return false;
    this.#limit += this.#chunk;
    if (this.#limit >= total) this.#limit = Number.POSITIVE_INFINITY;
    return this.growing;
  }

  shown<T>(cells: readonly T[]): readonly T[] {
    return this.growing ? cells.slice(0, this.#limit) : cells;
  }
}
