/**
 * The pointer is over pixel (y, x) of a cell's feature map, or left it (`pixel` null). The notebook turns
 * this into receptive-field highlights on the upstream maps.
 */
export class FeatureMapHoverEvent extends Event {
  static readonly eventName = 'feature-map-hover';
  constructor(
    readonly cellId: string,
    readonly pixel: { readonly y: number; readonly x: number } | null,
  ) {
    super(FeatureMapHoverEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'feature-map-hover': FeatureMapHoverEvent;
  }
}
