// Main-thread long tasks, as the browser reports them (PerformanceObserver 'longtask'), with what ran in each
// long animation frame for the log when a check fails. Added as an init script, so it counts from the start.
// And the same tasks with their CPU time, from Chromium's trace, for a machine whose cores are shared.

import { cpus, loadavg } from 'node:os';
import type { CDPSession, Page } from 'playwright-core';

/** Starts counting main-thread tasks over 50 ms (PerformanceObserver 'longtask') before the app runs. */
export const OBSERVE_LONG_TASKS = `
  window.__longTasks = [];
  window.__longFrames = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push(Math.round(entry.duration));
  }).observe({ type: 'longtask', buffered: true });
  // What ran in a long frame, for the log when the check fails.
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.duration <= 50) continue;
      const scripts = entry.scripts.map((s) => [s.invoker, s.sourceFunctionName, Math.round(s.duration)].join(' '));
      window.__longFrames.push(Math.round(entry.duration) + ': ' + scripts.join(' | '));
    }
  }).observe({ type: 'long-animation-frame', buffered: true });
`;

/**
 * Main-thread tasks as Chromium's trace records them, with their thread (CPU) time. On a machine with more
 * runnable threads than cores a 10 ms task can take 100 ms of wall time; its CPU time still says whether
 * the page did too much in one go.
 */
export async function traceMainThread(
  page: Page,
): Promise<() => Promise<{ wallMs: number; cpuMs: number }[]>> {
  const cdp: CDPSession = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (event) => events.push(...(event.value as unknown as TraceEvent[])));
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline',
    transferMode: 'ReportEvents',
  });
  return async () => {
    const complete = new Promise((done) => cdp.once('Tracing.tracingComplete', done));
    await cdp.send('Tracing.end');
    await complete;
    const main = events.find(
      (e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain',
    );
    return events
      .filter((e) => e.ph === 'X' && e.name === 'RunTask' && e.pid === main?.pid && e.tid === main?.tid)
      .map((e) => ({ wallMs: (e.dur ?? 0) / 1000, cpuMs: (e.tdur ?? 0) / 1000 }));
  };
}

interface TraceEvent {
  readonly ph: string;
  readonly name: string;
  readonly pid: number;
  readonly tid: number;
  readonly dur?: number;
  readonly tdur?: number;
  readonly args?: { readonly name?: string };
}

/**
 * Whether other processes hold the cores (load average above the core count): then a task's wall time
 * includes waiting for a core, and only its CPU time says what the page did.
 */
export function machineOverloaded(): boolean {
  return (loadavg()[0] ?? 0) > cpus().length;
}
