import { describe, expect, it } from 'vitest';
import type { CellValue } from '../cell-value';
import type { GraphView } from '../kinds/define-cell-kind';
import { RunContext, type RunHost } from './run-context';

/** A host that counts what the context asks of it. */
function recordingHost() {
  const calls = { views: 0, progress: [] as [string, number, number, CellValue | undefined][] };
  const view: GraphView = { cell: () => undefined, value: () => undefined };
  const host: RunHost = {
    reportProgress: (run, done, total, partial) => calls.progress.push([run.cellId, done, total, partial]),
    viewFrom: () => {
      calls.views++;
      return view;
    },
  };
  return { host, calls, view };
}

describe('RunContext', () => {
  it('makes one abort controller on first use and hands out its signal', () => {
    const context = new RunContext(recordingHost().host, 'conv1', 3, {});
    const controller = context.controller;
    expect(context.controller).toBe(controller);
    expect(context.signal).toBe(controller.signal);
    expect(context.signal.aborted).toBe(false);
    controller.abort();
    expect(context.signal.aborted).toBe(true);
  });

  it('asks the host for the graph view only when read, and once', () => {
    const { host, calls, view } = recordingHost();
    const context = new RunContext(host, 'conv1', 3, {});
    expect(calls.views).toBe(0);
    expect(context.graph).toBe(view);
    expect(context.graph).toBe(view);
    expect(calls.views).toBe(1);
  });

  it('reports progress to the host as coming from its own cell and version', () => {
    const { host, calls } = recordingHost();
    const record = {};
    const context = new RunContext(host, 'conv1', 3, record);
    context.progress(2, 5);
    expect(calls.progress).toEqual([['conv1', 2, 5, undefined]]);
    expect([context.cellId, context.version, context.record]).toEqual(['conv1', 3, record]);
  });
});
