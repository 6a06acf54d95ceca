import type { NotebookEdit, StateBatch } from '@convbook/cells';
import { type CellLimits, formatSeconds, PATIENT_BUDGET_MS } from './time-limits';

/** A cell held back because it took too long, and the sentence it shows. */
export interface OverLimitCell {
  readonly id: string;
  readonly message: string;
}

/** How long the worker may stay silent in the synchronous part of a cell the user chose to compute anyway. */
export const PATIENT_HANG_LIMIT_MS = 5 * 60_000;

/**
 * The page's record of which cell the worker is computing and which cells are held back for taking too
 * long. The worker names each cell as its computation starts (`computing`); a cell stops counting as
 * running once a state that is not pending arrives for it. When the worker goes silent, the cell named last
 * among those still running is the one to blame: it is held, the worker is replaced, and the rest computes.
 */
export class CellTimeLimits {
  /** Running cells, in the order they were named (a Set keeps insertion order). */
  readonly #running = new Set<string>();
  readonly #held = new Map<string, string>();
  readonly #patient = new Set<string>();
  /** Held only because the notebook opened paused: released without extra time. */
  readonly #paused = new Set<string>();

  computing(id: string): void {
    this.#running.delete(id);
    this.#running.add(id);
  }

  /** A pass arrived: cells with a settled state are no longer running. */
  settled(batch: StateBatch): void {
    for (const [id, state] of batch)
      if (state === undefined || state.status !== 'pending') this.#running.delete(id);
  }

  /** The cell the worker was stuck in, if it named one and has not finished it. */
  culprit(): string | undefined {
    return [...this.#running].pop();
  }

  /** Whether the worker is in a cell the user gave more time (the supervisor then waits longer). */
  patientRunning(): boolean {
    const id = this.culprit();
    return id !== undefined && this.#patient.has(id);
  }

  /** Holds `id` back with `message`, until the user computes it anyway or edits it. */
  hold(id: string, message: string): void {
    this.#patient.delete(id);
    this.#held.set(id, message);
  }

  /** Holds every cell: the notebook opens paused (it stopped the page when it was last opened). */
  pause(ids: readonly string[], message: string): void {
    for (const id of ids) {
      this.#held.set(id, message);
      this.#paused.add(id);
    }
  }

  get paused(): boolean {
    return this.#paused.size > 0;
  }

  /** The message a cell that hung the worker shows. */
  static hangMessage(limitMs: number, patient: boolean): string {
    return patient
      ? `took longer than ${formatSeconds(limitMs)} even with more time, so it was stopped and the other cells computed without it; make it smaller`
      : `took longer than ${formatSeconds(limitMs)}, so it was stopped and the other cells computed without it; choose “Compute anyway” to give it ${formatSeconds(PATIENT_BUDGET_MS)}`;
  }

  /** The user asked to compute a held cell anyway: it gets the longer limits. */
  computeAnyway(id: string): boolean {
    if (!this.#held.delete(id)) return false;
    if (!this.#paused.delete(id)) this.#patient.add(id);
    return true;
  }

  /** Releases every held cell with the longer limits; returns whether any was held. */
  computeAllAnyway(): boolean {
    const any = this.#held.size > 0;
    for (const id of [...this.#held.keys()]) this.computeAnyway(id);
    return any;
  }

  /** An edit of a held cell's own params or inputs gives it a fresh try; true when that released one. */
  released(edit: NotebookEdit): boolean {
    if (edit.op === 'removeCell') this.#patient.delete(edit.id);
    if (edit.op === 'replaceDocument') {
      const any = this.#held.size > 0;
      this.#held.clear();
      this.#paused.clear();
      return any;
    }
    if (edit.op !== 'setParams' && edit.op !== 'setInputs' && edit.op !== 'removeCell') return false;
    this.#paused.delete(edit.id);
    return this.#held.delete(edit.id);
  }

  /** Forgets every cell (another document was loaded). */
  clear(): void {
    this.#running.clear();
    this.#held.clear();
    this.#patient.clear();
    this.#paused.clear();
  }

  /** The worker was replaced: nothing runs on the new one yet. */
  restarted(): void {
    this.#running.clear();
  }

  get overLimit(): readonly OverLimitCell[] {
    return [...this.#held].map(([id, message]) => ({ id, message }));
  }

  /** What the worker is told. */
  get limits(): CellLimits {
    return { held: Object.fromEntries(this.#held), patient: [...this.#patient] };
  }
}
