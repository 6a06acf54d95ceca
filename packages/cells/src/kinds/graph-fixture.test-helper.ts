import type { CellValue } from '../cell-value';
import type { CellSpec } from '../document/notebook-document';
import type { CellKind, ComputeContext, GraphView } from './define-cell-kind';

/**
 * A hand-built notebook graph for testing one kind's compute without the runtime: specs and already
 * computed values by id, and a context that records progress reports.
 */
export interface Fixture {
  readonly graph: GraphView;
  readonly progress: Array<{ done: number; total: number }>;
  context(cellId: string, signal?: AbortSignal): ComputeContext;
  compute(kind: CellKind, cellId: string, inputs?: Readonly<Record<string, CellValue>>): Promise<CellValue>;
}

export function graphFixture(
  cells: readonly CellSpec[],
  values: Readonly<Record<string, CellValue>>,
): Fixture {
  const specs = new Map(cells.map((c) => [c.id, c]));
  const graph: GraphView = { cell: (id) => specs.get(id), value: (id) => values[id] };
  const progress: Array<{ done: number; total: number }> = [];
  const context = (cellId: string, signal = new AbortController().signal): ComputeContext => ({
    cellId,
    signal,
    graph,
    progress: (done, total) => progress.push({ done, total }),
  });
  return {
    graph,
    progress,
    context,
    async compute(kind, cellId, inputs = {}) {
      const parsed = kind.parseParams(specs.get(cellId)?.params, 'params');
      if ('problems' in parsed)
        throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
      const problem = kind.validateInputs(inputs, parsed.params);
      if (problem !== undefined) throw new Error(problem);
      return kind.compute(inputs, parsed.params, context(cellId));
    },
  };
}
