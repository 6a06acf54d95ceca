/**
 * Tells other tabs of the same site what this one stored, over a BroadcastChannel: autosave learns early
 * that another tab saved the notebook it has open, and notebook lists refresh. Messages are hints only;
 * the revision check in the store is what actually prevents an overwrite.
 */

export type NotebookChannelMessage =
  | { readonly type: 'saved'; readonly id: string; readonly revision: number }
  | { readonly type: 'created'; readonly id: string }
  | { readonly type: 'deleted'; readonly id: string };

const CHANNEL_NAME = 'convbook-notebooks';

export class NotebookChannel {
  readonly #channel: BroadcastChannel | undefined;
  readonly #listeners = new Set<(message: NotebookChannelMessage) => void>();

  constructor(name = CHANNEL_NAME) {
    // Missing in some embedded browsers: then tabs simply do not hear each other.
    this.#channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(name) : undefined;
    this.#channel?.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (!isMessage(event.data)) return;
      for (const listener of this.#listeners) listener(event.data);
    });
  }

  post(message: NotebookChannelMessage): void {
    this.#channel?.postMessage(message);
  }

  /** Listens to other tabs; returns the function that stops listening. */
  listen(listener: (message: NotebookChannelMessage) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  close(): void {
    this.#listeners.clear();
    this.#channel?.close();
  }
}

function isMessage(data: unknown): data is NotebookChannelMessage {
  if (typeof data !== 'object' || data === null) return false;
  const { type, id, revision } = data as Record<string, unknown>;
  if (typeof id !== 'string') return false;
  return type === 'created' || type === 'deleted' || (type === 'saved' && Number.isInteger(revision));
}
