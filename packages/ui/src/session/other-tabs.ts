import type { NotebookChannel } from '../storage/notebook-channel';

/** Quiet time after another tab's last message before the list is re-read. */
const QUIET_MS = 400;

/**
 * Re-reads the notebook list when other tabs store something. A tab autosaving sends a message per save;
 * one refresh per quiet moment is enough. Returns the function that stops listening.
 */
export function refreshOnOtherTabs(channel: NotebookChannel | undefined, refresh: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stop = channel?.listen(() => {
    clearTimeout(timer);
    timer = setTimeout(refresh, QUIET_MS);
  });
  return () => {
    clearTimeout(timer);
    stop?.();
  };
}
