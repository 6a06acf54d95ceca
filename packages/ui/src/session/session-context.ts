import { BehaviorSubject, type Observable } from 'rxjs';
import type { NoticeBoard } from '../notices/notice-board';
import type { NotebookChannel } from '../storage/notebook-channel';
import type { NotebookStore } from '../storage/notebook-store';
import { describeStorageFailure } from '../storage/storage-error';
import {
  type DocumentCodec,
  INITIAL_SESSION_STATE,
  type LiveNotebook,
  type SessionState,
} from './session-state';

export interface SessionContextOptions<D> {
  readonly store: NotebookStore;
  readonly codec: DocumentCodec<D>;
  readonly channel: NotebookChannel | undefined;
  readonly notices: NoticeBoard;
}

/**
 * What the parts of a notebook session share: the storage and codec they work with, the state the panels
 * render, the page's notices, and the running notebook once it is attached. Storage calls go through
 * `attempt`, so a failing disk is a notice, never an exception in a click handler.
 */
export class SessionContext<D> {
  readonly store: NotebookStore;
  readonly codec: DocumentCodec<D>;
  readonly channel: NotebookChannel | undefined;
  readonly notices: NoticeBoard;
  /** The runtime showing the document; set by NotebookSession.attach. */
  notebook: LiveNotebook<D> | undefined;
  readonly #state = new BehaviorSubject<SessionState>(INITIAL_SESSION_STATE);
  readonly state$: Observable<SessionState> = this.#state.asObservable();

  constructor(options: SessionContextOptions<D>) {
    this.store = options.store;
    this.codec = options.codec;
    this.channel = options.channel;
    this.notices = options.notices;
  }

  get state(): SessionState {
    return this.#state.value;
  }

  patch(patch: Partial<SessionState>): void {
    if (this.#state.closed) return;
    this.#state.next({ ...this.#state.value, ...patch });
  }

  /** Runs a storage call; a failure becomes the storage notice and `undefined`, never an exception. */
  async attempt<T>(work: () => Promise<T>): Promise<T | undefined> {
    try {
      return await work();
    } catch (error) {
      const { message } = describeStorageFailure('reach the saved notebooks', error);
      this.notices.show({ id: 'storage', severity: 'error', text: message, dismissible: false });
      return undefined;
    }
  }

  /** Re-reads the list of saved notebooks. */
  async refreshList(): Promise<void> {
    const entries = await this.attempt(() => this.store.list());
    if (entries) this.patch({ entries });
  }

  close(): void {
    this.#state.complete();
  }
}
