import type { SaveStatus } from '../autosave/autosave';
import type { Notice } from '../components/cb-notices/notice';

/**
 * The list of notices on screen, with per-notice timeouts. Storage errors ('storage') stay until a save
 * succeeds; the rest are closed by the user or their timer.
 */
export class NoticeBoard {
  readonly #publish: (notices: readonly Notice[]) => void;
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>();
  #notices: readonly Notice[] = [];

  constructor(publish: (notices: readonly Notice[]) => void) {
    this.#publish = publish;
  }

  /** Shows a notice, replacing one with the same id; `timeoutMs` closes it automatically. */
  show(notice: Notice, timeoutMs?: number): void {
    clearTimeout(this.#timers.get(notice.id));
    this.#timers.delete(notice.id);
    this.#notices = [...this.#notices.filter((n) => n.id !== notice.id), notice];
    if (timeoutMs !== undefined)
      this.#timers.set(
        notice.id,
        setTimeout(() => this.dismiss(notice.id), timeoutMs),
      );
    this.#publish(this.#notices);
  }

  dismiss(id: string): void {
    clearTimeout(this.#timers.get(id));
    this.#timers.delete(id);
    if (!this.#notices.some((n) => n.id === id)) return;
    this.#notices = this.#notices.filter((n) => n.id !== id);
    this.#publish(this.#notices);
  }

  /** Turns autosave's status into notices: failures persist, a good save clears them. */
  reflectSaveStatus(status: SaveStatus): void {
    switch (status.state) {
      case 'failed':
        this.show({ id: 'storage', kind: 'error', message: status.message, dismissible: false });
        return;
      case 'saved':
        this.dismiss('storage');
        return;
      case 'conflict':
        this.dismiss('changed-elsewhere');
        this.show({
          id: 'conflict',
          kind: 'info',
          message: `This notebook was changed in another tab, so your version was saved as a new notebook, “${status.copyTitle}”.`,
          dismissible: true,
        });
        return;
      case 'changed-elsewhere':
        this.show({
          id: 'changed-elsewhere',
          kind: 'info',
          message:
            'This notebook was just saved in another tab. Your next change here will be kept as a separate copy.',
          action: 'Open the newer version',
          dismissible: true,
        });
        return;
      case 'pending':
      case 'saving':
        return;
    }
  }

  dispose(): void {
    for (const timer of this.#timers.values()) clearTimeout(timer);
    this.#timers.clear();
  }
}
