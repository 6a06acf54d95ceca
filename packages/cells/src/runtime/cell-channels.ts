import { Observable, type Subscriber } from 'rxjs';
import type { CellState } from './cell-state';

interface Channel {
  /** The state this channel last delivered: what a new subscriber is handed first. */
  last: CellState | undefined;
  /** Replaced, never mutated, so a subscription made or ended during a delivery leaves that delivery alone. */
  subscribers: readonly Subscriber<CellState>[];
}

/**
 * The streams behind `Notebook.state$(id)`: one channel per watched cell, holding its subscribers and the
 * state they last saw. A publish hands a cell's subscribers its state only when that state object changed,
 * so a subscriber costs one comparison per pass rather than a pipeline of operators run on every publish.
 * A channel lives as long as it has subscribers: the first makes it, the last drops it, so cells that come
 * and go leave nothing behind. Channels are keyed by id, as the old whole-store stream was: a cell removed
 * and added again under the same id reaches the subscribers still watching it.
 */
export class CellChannels {
  readonly #channels = new Map<string, Channel>();
  /** A cell's state as last published, for a new channel's first subscriber (the scheduler keeps these). */
  readonly #publishedState: (id: string) => CellState | undefined;
  #subscriptions = 0;
  #closed = false;

  constructor(publishedState: (id: string) => CellState | undefined) {
    this.#publishedState = publishedState;
  }

  /** Number of live subscriptions, and of cells that have at least one. */
  get sizes(): { subscriptions: number; channels: number } {
    return { subscriptions: this.#subscriptions, channels: this.#channels.size };
  }

  /** Replays the cell's last published state (if it has one), then each new one. Completes on close. */
  watch(id: string): Observable<CellState> {
    return new Observable<CellState>((subscriber) => {
      if (this.#closed) {
        subscriber.complete();
        return;
      }
      let channel = this.#channels.get(id);
      if (channel === undefined) {
        channel = { last: this.#publishedState(id), subscribers: [] };
        this.#channels.set(id, channel);
      }
      const joined = channel;
      joined.subscribers = [...joined.subscribers, subscriber];
      this.#subscriptions++;
      if (joined.last !== undefined) subscriber.next(joined.last);
      return () => this.#leave(id, joined, subscriber);
    });
  }

  /**
   * Delivers the `changed` cells' states from `states` (read now, not kept), each to its cell's subscribers
   * if it is a new object. By now `publishedState` must give these same states: a subscriber joining from
   * inside a delivery is handed this pass's state once, by replay. A changed cell missing from `states` was
   * removed: it delivers nothing, and a later subscriber is handed nothing.
   */
  publish(changed: Iterable<string>, states: ReadonlyMap<string, CellState>): void {
    if (this.#closed) return;
    for (const id of changed) {
      const channel = this.#channels.get(id);
      if (channel === undefined) continue;
      const state = states.get(id);
      if (state === channel.last) continue;
      channel.last = state; // undefined once removed, so a subscriber joining later is handed nothing
      if (state !== undefined) for (const subscriber of channel.subscribers) subscriber.next(state);
    }
  }

  /** Completes every subscription; later subscribers complete at once. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const channel of [...this.#channels.values()]) {
      for (const subscriber of channel.subscribers) subscriber.complete(); // each completion runs #leave
    }
  }

  #leave(id: string, channel: Channel, subscriber: Subscriber<CellState>): void {
    const before = channel.subscribers.length;
    channel.subscribers = channel.subscribers.filter((s) => s !== subscriber);
    if (channel.subscribers.length === before) return;
    this.#subscriptions--;
    if (channel.subscribers.length === 0 && this.#channels.get(id) === channel) this.#channels.delete(id);
  }
}
