/**
 * The edit-to-paint hook for latency benchmarks (scripts/bench-browser.ts): after a canvas view has drawn
 * a newly arrived value, `window` receives `cb-painted` with `{ cellId, version }` and the performance
 * timeline gets a mark `cb-painted:<cellId>` (only the latest per cell is kept, so a long training run
 * does not grow the buffer). It fires for every tensor drawn — the first one when a view appears, then each
 * new value — never for hover, highlight or layout-only updates. Pixels are written when this fires; the
 * browser shows them at its next frame (await requestAnimationFrame to measure to the frame).
 */
export interface PaintedDetail {
  readonly cellId: string;
  /** The cell state's version that was drawn; null for a local draft (e.g. a kernel being scrubbed). */
  readonly version: number | null;
}

export const PAINTED_EVENT = 'cb-painted';

export function announcePaint(cellId: string, version: number | null): void {
  if (cellId === '') return;
  const mark = `${PAINTED_EVENT}:${cellId}`;
  performance.clearMarks(mark);
  performance.mark(mark, { detail: { version } });
  window.dispatchEvent(new CustomEvent<PaintedDetail>(PAINTED_EVENT, { detail: { cellId, version } }));
}

declare global {
  interface WindowEventMap {
    'cb-painted': CustomEvent<PaintedDetail>;
  }
}
