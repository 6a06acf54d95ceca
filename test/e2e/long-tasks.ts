// Main-thread long tasks, as the browser reports them (PerformanceObserver 'longtask'), with what ran in each
// long animation frame for the log when a check fails. Added as an init script, so it counts from the start.

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
