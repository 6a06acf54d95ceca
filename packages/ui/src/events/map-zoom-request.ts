import type { ZoomPlane } from '../components/cb-map-zoom/cb-map-zoom';

/**
 * "Enlarge" on a map or kernel: the app's one shared zoom dialog shows these planes. The button that fired
 * it keeps focus until the dialog opens, so focus returns there on close.
 */
export class MapZoomRequestEvent extends Event {
  static readonly eventName = 'map-zoom-request';
  constructor(
    readonly heading: string,
    readonly planes: readonly ZoomPlane[],
  ) {
    super(MapZoomRequestEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'map-zoom-request': MapZoomRequestEvent;
  }
}
