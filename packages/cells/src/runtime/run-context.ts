import type { ParallelConv } from '@convbook/core';
import type { CellValue } from '../cell-value';
import type { ComputeContext, GraphView, LastCompute } from '../kinds/define-cell-kind';

/** What the scheduler lends each computation: where its progress goes and how it sees the graph. */
export interface RunHost {
  reportProgress(run: RunContext, done: number, total: number, partial?: CellValue): void;
  viewFrom(id: string): GraphView;
  /** Other cores for big convs, set once by the scheduler when the notebook has them. */
  parallel?: ParallelConv | undefined;
}

/**
 * The context of one computation of one cell version. Most computations are synchronous and never look
 * at the abort signal or the graph, so both are made on first use: with a thousand cells per pass, an
 * AbortController and a graph view each were most of the runtime's cost.
 */
export class RunContext implements ComputeContext {
  readonly cellId: string;
  readonly version: number;
  /** The scheduler's record of the cell when the run began (a cell removed and added again gets another). */
  readonly record: object;
  readonly #host: RunHost;
  #controller: AbortController | undefined;
  #graph: GraphView | undefined;
  readonly previous: CellValue | undefined;
  readonly lastCompute: LastCompute | undefined;

  constructor(
    host: RunHost,
    cellId: string,
    version: number,
    record: object,
    earlier: { previous?: CellValue | undefined; lastCompute?: LastCompute | undefined } = {},
  ) {
    this.#host = host;
    this.cellId = cellId;
    this.version = version;
    this.record = record;
    this.previous = earlier.previous;
    this.lastCompute = earlier.lastCompute;
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Made on demand; the scheduler also asks for it when a computation goes asynchronous, to abort it later. */
  get controller(): AbortController {
    this.#controller ??= new AbortController();
    return this.#controller;
  }

  get graph(): GraphView {
    this.#graph ??= this.#host.viewFrom(this.cellId);
    return this.#graph;
  }

  get parallel(): ParallelConv | undefined {
    return this.#host.parallel;
  }

  progress(done: number, total: number, partial?: CellValue): void {
    this.#host.reportProgress(this, done, total, partial);
  }
}
