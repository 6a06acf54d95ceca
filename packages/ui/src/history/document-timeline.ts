import { describeEdit } from './describe-edit';
import { UndoHistory } from './undo-history';

/**
 * The open notebook's past and future as the runtime publishes it. It tells real edits from echoes: after
 * an undo (or a load) the runtime publishes the document we handed it, usually as a fresh but equal object,
 * and that must be neither a new undo step nor a new save. Equality is by serialized text, the same text
 * that is saved, so "equal" means "would save the same bytes".
 */
export class DocumentTimeline<D> {
  readonly #serialize: (doc: D) => string;
  #history: UndoHistory<D>;
  #lastText: string;

  constructor(initial: D, serialize: (doc: D) => string) {
    this.#serialize = serialize;
    // `observe` already compared texts before recording, so the history needs no second comparison.
    this.#history = new UndoHistory(initial, { equals: Object.is });
    this.#lastText = serialize(initial);
  }

  get present(): D {
    return this.#history.present;
  }

  get canUndo(): boolean {
    return this.#history.canUndo;
  }

  get canRedo(): boolean {
    return this.#history.canRedo;
  }

  /** Starts over at another notebook. */
  reset(doc: D): void {
    this.#history.reset(doc);
    this.#lastText = this.#serialize(doc);
  }

  /**
   * Takes a document the runtime published; returns true when it is a new edit (recorded as an undo step,
   * coalesced with the previous one when it tweaks the same field) and false for an echo.
   */
  observe(doc: D, now?: number): boolean {
    const text = this.#serialize(doc);
    if (text === this.#lastText) return false;
    this.#lastText = text;
    this.#history.record(doc, describeEdit(this.#history.present, doc), now);
    return true;
  }

  /** The document to hand the runtime for Undo, or undefined when there is none. */
  undo(): D | undefined {
    return this.#expect(this.#history.undo());
  }

  redo(): D | undefined {
    return this.#expect(this.#history.redo());
  }

  /** Marks `doc` as what the runtime is about to publish, so its echo is not taken for an edit. */
  #expect(doc: D | undefined): D | undefined {
    if (doc !== undefined) this.#lastText = this.#serialize(doc);
    return doc;
  }
}
