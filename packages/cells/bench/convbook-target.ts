import { Notebook } from '../src/runtime/notebook';
import { findBenchKind } from './bench-kinds';
import { type BenchGraph, HEAD, toNotebookDocument } from './graphs';
import type { PropagationTarget, Watching } from './propagation-target';

/**
 * The graph in a Convbook Notebook: an edit is `setParams` on the head, settled by `whenIdle()`. Watching
 * every cell subscribes to each cell's `state$`, as the UI's cell views do.
 */
export async function convbookTarget(graph: BenchGraph, watching: Watching): Promise<PropagationTarget> {
  const notebook = Notebook.fromDocument(toNotebookDocument(graph, 0), { findKind: findBenchKind });
  let updates = 0;
  if (watching === 'every cell') {
    for (const { id } of graph.nodes) notebook.state$(id).subscribe(() => updates++);
  }
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
    dispose: () => {
      notebook.dispose(); // completes every state$, which ends the subscriptions
      if (watching === 'every cell' && updates < graph.nodes.length) {
        throw new Error(`Convbook: ${graph.nodes.length} subscribers saw only ${updates} updates`);
      }
    },
  };
}
