import { Notebook } from '../src/runtime/notebook';
import { findBenchKind } from './bench-kinds';
import { type BenchGraph, HEAD, toNotebookDocument } from './graphs';
import type { PropagationTarget } from './propagation-target';

/** The graph in a Convbook Notebook: an edit is `setParams` on the head, settled by `whenIdle()`. */
export async function convbookTarget(graph: BenchGraph): Promise<PropagationTarget> {
  const notebook = Notebook.fromDocument(toNotebookDocument(graph, 0), { findKind: findBenchKind });
  await notebook.whenIdle();
  return {
    runtime: 'Convbook',
    async edit(value) {
      notebook.setParams(HEAD, { value });
      await notebook.whenIdle();
    },
    sinkValues: () =>
      graph.sinks.map((id) => {
        const state = notebook.states().get(id);
        if (state?.status !== 'ok' || state.value.type !== 'loss') {
          throw new Error(`Convbook: cell ${id} settled as ${JSON.stringify(state)}`);
        }
        return state.value.loss;
      }),
    dispose: () => notebook.dispose(),
  };
}
