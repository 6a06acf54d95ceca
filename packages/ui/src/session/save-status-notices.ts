import type { SaveStatus } from '../autosave/autosave';
import type { NoticeBoard } from '../notices/notice-board';

/** What the "changed in another tab" notice's button does. */
export interface SaveStatusActions {
  readonly openNewerVersion: () => Promise<void>;
}

/**
 * Turns autosave's status into notices: a failed save stays up (nothing to dismiss: it clears itself when
 * a save succeeds), a conflict copy and a newer version saved elsewhere are news with a way forward.
 */
export function reflectSaveStatus(board: NoticeBoard, status: SaveStatus, actions: SaveStatusActions): void {
  switch (status.state) {
    case 'failed':
      board.show({ id: 'storage', severity: 'error', text: status.message, dismissible: false });
      return;
    case 'saved':
      board.dismiss('storage');
      return;
    case 'conflict':
      board.dismiss('changed-elsewhere');
      board.show({
        id: 'conflict',
        severity: 'info',
        text: `This notebook was changed in another tab, so your version was saved as a new notebook, “${status.copyTitle}”.`,
      });
      return;
    case 'changed-elsewhere':
      board.show({
        id: 'changed-elsewhere',
        severity: 'info',
        text: 'This notebook was just saved in another tab. Your next change here will be kept as a separate copy.',
        actions: [{ label: 'Open the newer version', run: actions.openNewerVersion }],
      });
      return;
    case 'pending':
    case 'saving':
      return;
  }
}
