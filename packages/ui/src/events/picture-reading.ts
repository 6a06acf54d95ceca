/**
 * An uploaded picture is being decoded and shrunk on the page (up to a second or two for a big photo), or
 * has finished: the cell's status says so instead of a stale "ok".
 */
export class PictureReadingEvent extends Event {
  static readonly eventName = 'picture-reading';
  constructor(readonly reading: boolean) {
    super(PictureReadingEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'picture-reading': PictureReadingEvent;
  }
}
