import { BehaviorSubject } from 'rxjs';
import type { LiveNotebook } from './session-state';

/** Test double for the running notebook: edits publish the new document, like the runtime does. */
export class FakeNotebook<D> implements LiveNotebook<D> {
  readonly #doc = new BehaviorSubject<D | undefined>(undefined);
  readonly document$ = this.#doc.asObservable();
  readonly loads: D[] = [];

  constructor(initial: D) {
    this.#doc.next(initial);
  }

  get document(): D | undefined {
    return this.#doc.value;
  }

  /** Acts out a user edit arriving from the runtime. */
  edit(doc: D): void {
    this.#doc.next(doc);
  }

  replaceDocument(doc: D): void {
    // The runtime publishes a fresh object, not our reference.
    this.#doc.next(structuredClone(doc));
  }

  async load(doc: D): Promise<void> {
    this.loads.push(doc);
    this.#doc.next(structuredClone(doc));
  }
}
