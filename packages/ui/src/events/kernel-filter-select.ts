/**
 * The student picked which filter of a kernel bank to edit (0-based). The kernel editor then shows that
 * filter's [channels][rows][columns] weights; edits to it go back through `replaceFilter`.
 */
export class KernelFilterSelectEvent extends Event {
  static readonly eventName = 'kernel-filter-select';
  constructor(
    readonly cellId: string,
    readonly kernel: number,
  ) {
    super(KernelFilterSelectEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'kernel-filter-select': KernelFilterSelectEvent;
  }
}
