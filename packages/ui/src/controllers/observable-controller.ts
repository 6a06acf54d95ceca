import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Observable, Subscription } from 'rxjs';

/**
 * The one place components subscribe to observables. It subscribes while the host is connected, keeps
 * the latest value, asks the host to re-render on each one, and unsubscribes on disconnect — so no
 * component holds a subscription by hand and a removed cell leaks nothing.
 *
 * `observe(source)` may be called again with a new source (e.g. another cell id): the old subscription is
 * dropped and the last value is kept until the new source emits, so the view never flashes blank.
 */
export class ObservableController<T> implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #source: Observable<T> | undefined;
  #subscription: Subscription | undefined;
  #connected = false;
  /** The latest value, or undefined before the first one. */
  value: T | undefined;

  constructor(host: ReactiveControllerHost, source?: Observable<T>) {
    this.#host = host;
    this.#source = source;
    host.addController(this);
  }

  /** Switches to another source; a no-op when it is the same one. */
  observe(source: Observable<T> | undefined): void {
    if (source === this.#source) return;
    this.#source = source;
    this.#subscribe();
  }

  hostConnected(): void {
    this.#connected = true;
    this.#subscribe();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#subscription?.unsubscribe();
    this.#subscription = undefined;
  }

  #subscribe(): void {
    this.#subscription?.unsubscribe();
    this.#subscription = undefined;
    if (!this.#connected || !this.#source) return;
    this.#subscription = this.#source.subscribe((value) => {
      this.value = value;
      this.#host.requestUpdate();
    });
  }
}
