import { describe, expect, it } from 'vitest';
import { HelperChooser, type StepMode } from './helper-chooser';

/** Runs `steps` steps whose time depends on the mode; returns how many ran with the helper. */
function run(chooser: HelperChooser, steps: number, ms: Record<StepMode, number>, helps = true): number {
  let withHelper = 0;
  for (let i = 0; i < steps; i++) {
    const mode = chooser.next;
    if (mode === 'helper') withHelper++;
    chooser.record(ms[mode], mode === 'helper' && helps);
  }
  return withHelper;
}

describe('HelperChooser', () => {
  it('keeps the helper when it halves the step time, probing one thread now and then', () => {
    const chooser = new HelperChooser();
    const withHelper = run(chooser, 5000, { helper: 1, alone: 2 });
    expect(withHelper / 5000).toBeGreaterThan(0.95);
    expect(chooser.measured).toEqual({ helper: 1, alone: 2 });
  });

  it('drops the helper when the barrier makes steps slower (a loaded machine), probing it now and then', () => {
    const chooser = new HelperChooser();
    expect(run(chooser, 5000, { helper: 3, alone: 2 }) / 5000).toBeLessThan(0.15);
  });

  it('follows a change of load: helper slower at first, then faster', () => {
    const chooser = new HelperChooser();
    run(chooser, 2000, { helper: 3, alone: 2 });
    expect(run(chooser, 5000, { helper: 1, alone: 2 }) / 5000).toBeGreaterThan(0.9);
  });

  it('does not judge the helper while it has not computed a half yet (its worker is loading)', () => {
    const chooser = new HelperChooser();
    run(chooser, 500, { helper: 9, alone: 2 }, false);
    expect(chooser.next).toBe('helper');
    expect(Number.isNaN(chooser.measured.helper)).toBe(true);
  });
});
