import { BehaviorSubject, type Observable } from 'rxjs';
import type { Notice } from './notice';

/** What `show` needs: the id and the dismiss button are optional (a fresh id; dismissible). */
export type NoticeDraft = Omit<Notice, 'id' | 'dismissible'> & {
  readonly id?: string;
  readonly dismissible?: boolean;
};

export interface ShowOptions {
  /** Closes the notice by itself after this long (info that is only news, an Undo that expires). */
  readonly timeoutMs?: number;
}

/** More than this on screen buries the page; the oldest dismissible ones make room. */
const MOST_ON_SCREEN = 5;

/**
 * The one list of notices on the page, as a stream. Anything may show or dismiss a notice; one
 * component (cb-notices) renders the list and runs its buttons.
 */
export class NoticeBoard {
  readonly #notices = new BehaviorSubject<readonly Notice[]>([]);
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();
  #nextId = 1;

  readonly notices$: Observable<readonly Notice[]> = this.#notices.asObservable();

  get notices(): readonly Notice[] {
    return this.#notices.value;
  }

  /** Puts a notice on screen, replacing one with the same id; returns its id. */
  show(draft: NoticeDraft, options: ShowOptions = {}): string {
    const notice: Notice = {
      ...draft,
      id: draft.id ?? `notice-${this.#nextId++}`,
      dismissible: draft.dismissible ?? true,
    };
    this.#clearTimer(notice.id);
    if (options.timeoutMs !== undefined) {
      const timeoutMs = options.timeoutMs;
      this.#timers.set(
        notice.id,
        setTimeout(() => this.dismiss(notice.id), timeoutMs),
      );
    }
    const wanted = [...this.notices.filter((n) => n.id !== notice.id), notice];
    const kept = makeRoom(wanted);
    for (const dropped of wanted) if (!kept.includes(dropped)) this.#clearTimer(dropped.id);
    this.#publish(kept);
    return notice.id;
  }

  dismiss(id: string): void {
    this.#clearTimer(id);
    if (this.notices.some((n) => n.id === id)) this.#publish(this.notices.filter((n) => n.id !== id));
  }

  dispose(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
    this.#notices.complete();
  }

  #clearTimer(id: string): void {
    clearTimeout(this.#timers.get(id));
    this.#timers.delete(id);
  }

  #publish(notices: readonly Notice[]): void {
    if (!this.#notices.closed) this.#notices.next(notices);
  }
}

/** Drops the oldest dismissible notices beyond MOST_ON_SCREEN; the ones only their cause can clear stay. */
function makeRoom(notices: readonly Notice[]): readonly Notice[] {
  let excess = notices.length - MOST_ON_SCREEN;
  return notices.filter((notice) => {
    if (excess <= 0 || !notice.dismissible) return true;
    excess--;
    return false;
  });
}
