import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { combineLatest, distinctUntilChanged, map, type Subscription } from 'rxjs';
import { heldCellsNotice } from '../notices/held-cells-notice';
import type { NoticeBoard } from '../notices/notice-board';
import type { PageNotebook } from '../session/page-notebook';

/**
 * Puts what the running notebook has to say on the page's notice board while the host is connected:
 * refused edits and worker trouble as errors, and the cells held back for taking too long as one notice
 * with “Compute anyway”.
 */
export class NotebookNoticesController implements ReactiveController {
  readonly #notebook: PageNotebook;
  readonly #board: NoticeBoard;
  #subscriptions: Subscription[] = [];

  constructor(host: ReactiveControllerHost, notebook: PageNotebook, board: NoticeBoard) {
    this.#notebook = notebook;
    this.#board = board;
    host.addController(this);
  }

  hostConnected(): void {
    const notebook = this.#notebook;
    const board = this.#board;
    this.#subscriptions = [
      // The same sentence twice is one notice, moved to the end, not two.
      notebook.editErrors$.subscribe((text) =>
        board.show({ id: `edit-error: ${text}`, severity: 'error', text }),
      ),
      combineLatest([notebook.overLimit$, notebook.document$])
        .pipe(
          map(([held, document]) =>
            heldCellsNotice(held, document?.cells ?? [], () => notebook.computeAnyway()),
          ),
          // Every edit brings a new document; the notice changes only when its words do.
          distinctUntilChanged((a, b) => a?.text === b?.text),
        )
        .subscribe((notice) => (notice ? board.show(notice) : board.dismiss('held'))),
    ];
  }

  hostDisconnected(): void {
    for (const subscription of this.#subscriptions) subscription.unsubscribe();
    this.#subscriptions = [];
  }
}
