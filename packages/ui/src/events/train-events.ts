import type { WeightsPatch } from '@convbook/cells';

/**
 * Events of the training views (issue 10). They only say what the user asked for; the page turns them into
 * notebook commands (run / stop / reset of an on-demand cell) or one undoable edit (Apply, a drawn digit).
 */
export type TrainCommand = 'train' | 'stop' | 'resume' | 'reset';

export class TrainCommandEvent extends Event {
  static readonly eventName = 'train-command';
  constructor(
    readonly cellId: string,
    readonly command: TrainCommand,
  ) {
    super(TrainCommandEvent.eventName, { bubbles: true, composed: true });
  }
}

/** Apply: write each weights cell's learned weights (one params patch each) as a single undoable edit. */
export class TrainApplyEvent extends Event {
  static readonly eventName = 'train-apply';
  constructor(
    readonly cellId: string,
    readonly patches: readonly WeightsPatch[],
  ) {
    super(TrainApplyEvent.eventName, { bubbles: true, composed: true });
  }
}

/** A finished stroke (or Clear) on the draw-a-digit canvas: the MNIST-preprocessed 28×28 picture. */
export class DigitDrawEvent extends Event {
  static readonly eventName = 'digit-draw';
  constructor(
    readonly cellId: string,
    /** 28×28 values, 0 paper to 1 ink. */
    readonly image: Float32Array,
    /** The same picture as the drawn-digit cell's `pixels` param (base64 bytes). */
    readonly pixels: string,
  ) {
    super(DigitDrawEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface HTMLElementEventMap {
    'train-command': TrainCommandEvent;
    'train-apply': TrainApplyEvent;
    'digit-draw': DigitDrawEvent;
  }
}
