/**
 * The student asked for a kernel bank of another shape (rows, columns, channels or number of kernels).
 * `patch` is the kernel cell's params change that makes it so — the weights that still fit kept, the rest
 * zero — to be applied like a `cell-params-change`.
 */
export class KernelShapeChangeEvent extends Event {
  static readonly eventName = 'kernel-shape-change';
  constructor(
    readonly cellId: string,
    readonly shape: {
      readonly kernels: number;
      readonly channels: number;
      readonly rows: number;
      readonly columns: number;
    },
    readonly patch: Readonly<Record<string, unknown>>,
  ) {
    super(KernelShapeChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'kernel-shape-change': KernelShapeChangeEvent;
  }
}
