import type { BenchSection } from './report';
import { ratio } from './report';

/**
 * Issue 14's speed goals, each as a ratio against its anchor measured in the same run. Sections record
 * their figures here as they measure; the run prints and writes them as the first table.
 */
interface Goal {
  readonly what: string;
  readonly anchor: string;
  /** The measured ratio, oriented so that larger is better (how many times faster, or the inverse). */
  readonly value: number;
  readonly goal: string;
  readonly met: boolean;
}

const goals: Goal[] = [];

/** At least `target`× the anchor's speed (anchor time ÷ ours). */
export function goalAtLeast(what: string, anchor: string, value: number, target: number): void {
  goals.push({ what, anchor, value, goal: `≥ ${target.toFixed(1)}×`, met: value >= target });
}

/** At most `target` times the anchor's time (ours ÷ anchor). */
export function goalAtMost(what: string, anchor: string, value: number, target: number): void {
  goals.push({ what, anchor, value, goal: `≤ ${target.toFixed(1)}× its time`, met: value <= target });
}

export function goalSection(): BenchSection {
  return {
    title: 'Goals (issue 14), same-run ratios',
    note: 'Each figure is measured in this run next to its anchor, so the ratio holds even when other processes load the machine (see the load average above); absolute times in the sections below.',
    headers: ['figure', 'anchor', 'ratio', 'goal', 'met'],
    rows: goals.map((g) => [g.what, g.anchor, ratio(g.value), g.goal, g.met ? 'yes' : 'NO']),
  };
}
