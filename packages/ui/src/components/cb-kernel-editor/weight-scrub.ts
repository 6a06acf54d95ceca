/**
 * Dragging a weight field sideways to change its value ("scrubbing"): a press starts a possible scrub, and
 * only a move of at least DEAD_ZONE_PX makes it one, so a click still focuses the field for typing.
 */

/** Weight change per CSS pixel of horizontal drag (Shift: ×10). */
export const SCRUB_PER_PIXEL = 0.01;
/** A press that moves less than this is a click, not a scrub. */
export const DEAD_ZONE_PX = 3;

export class WeightScrub {
  readonly index: number;
  readonly #startX: number;
  readonly #startValue: number;
  #moved = false;

  constructor(index: number, startX: number, startValue: number) {
    this.index = index;
    this.#startX = startX;
    this.#startValue = startValue;
  }

  /** Whether the press has become a scrub (moved past the dead zone). */
  get moved(): boolean {
    return this.#moved;
  }

  /**
   * The weight for the pointer at `x`, to hundredths, or undefined while still within the dead zone. The
   * first answer is the moment the press becomes a scrub.
   */
  valueAt(x: number, faster: boolean): number | undefined {
    const dx = x - this.#startX;
    if (!this.#moved && Math.abs(dx) < DEAD_ZONE_PX) return undefined;
    this.#moved = true;
    const value = this.#startValue + dx * SCRUB_PER_PIXEL * (faster ? 10 : 1);
    return Math.round(value * 100) / 100;
  }
}
