/** The user picked an example notebook in the gallery; `name` is its file name without `.json`. */
export class ExampleOpenEvent extends Event {
  static readonly eventName = 'example-open';
  constructor(readonly name: string) {
    super(ExampleOpenEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'example-open': ExampleOpenEvent;
  }
}
