import { Subject } from 'rxjs';
import type { DocumentChange, LiveNotebook } from './session-state';

/** Test double for the page's notebook: edits are published in their own task, as PageNotebook does. */
export class FakeNotebook<D> implements LiveNotebook<D> {
  readonly #edits = new Subject<DocumentChange<D>>();
  readonly edits$ = this.#edits.asObservable();
  readonly loads: D[] = [];
  #doc: D | undefined;

  constructor(initial: D) {
    this.#doc = initial;
  }

  get document(): D | undefined {
    return this.#doc;
  }

  /** Acts out a user edit. */
  edit(doc: D): void {
    this.#change(doc, 'user');
  }

  replaceDocument(doc: D, origin: 'user' | 'history'): void {
    this.#change(doc, origin);
  }

  async load(doc: D): Promise<void> {
    this.loads.push(doc);
    this.#doc = structuredClone(doc);
  }

  #change(after: D, origin: 'user' | 'history'): void {
    const before = this.#doc as D;
    this.#doc = after;
    this.#edits.next({ before, after, origin });
  }
}
