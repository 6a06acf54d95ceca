/**
 * Decides, from measured step times, whether the helper thread is worth it. Two threads meet at a barrier
 * every step; on a machine whose cores other programs keep busy, the helper is often not running when its
 * half is wanted, and the step waits for the scheduler. So steps run in phases: a long phase in the mode
 * that measured faster, then a short probe of the other (the load changes), and so on. Only the speed
 * depends on this: a step gives the same weights in either mode.
 */
export type StepMode = 'helper' | 'alone';

const LONG_PHASE = 400;
const PROBE: Record<StepMode, number> = { helper: 40, alone: 16 };
/** A helper phase in which the helper computed fewer halves than this share says nothing (it was loading). */
const MIN_HELPED_SHARE = 0.5;

export class HelperChooser {
  private mode: StepMode = 'helper';
  private long = false;
  private left = PROBE.helper;
  private spentMs = 0;
  private steps = 0;
  private helped = 0;
  private readonly msPerStep: Record<StepMode, number> = { helper: Number.NaN, alone: Number.NaN };

  /** The mode for the next step. */
  get next(): StepMode {
    return this.mode;
  }

  /** The measured time per step of each mode so far (NaN before it was measured). */
  get measured(): Readonly<Record<StepMode, number>> {
    return this.msPerStep;
  }

  /** Records one step taken in `next` mode: its time on this thread, and whether the helper computed half. */
  record(ms: number, helped: boolean): void {
    this.spentMs += ms;
    this.steps++;
    if (helped) this.helped++;
    if (--this.left > 0) return;
    if (this.mode === 'helper' && this.helped < MIN_HELPED_SHARE * this.steps) {
      this.start('helper', false); // the helper was still loading (or busy elsewhere): ask again
      return;
    }
    this.msPerStep[this.mode] = this.spentMs / this.steps;
    const { helper, alone } = this.msPerStep;
    if (Number.isNaN(alone)) this.start('alone', false);
    else if (Number.isNaN(helper)) this.start('helper', false);
    else {
      const faster: StepMode = helper <= alone ? 'helper' : 'alone';
      // After a probe, a long phase in the faster mode; after a long phase, a probe of the slower one.
      if (this.long) this.start(faster === 'helper' ? 'alone' : 'helper', false);
      else this.start(faster, true);
    }
  }

  private start(mode: StepMode, long: boolean): void {
    this.mode = mode;
    this.long = long;
    this.left = long ? LONG_PHASE : PROBE[mode];
    this.spentMs = 0;
    this.steps = 0;
    this.helped = 0;
  }
}
