import type { Observer } from '@observablehq/runtime';
import { Runtime } from '@observablehq/runtime';
import { type BenchGraph, HEAD } from './graphs';
import type { PropagationTarget, Watching } from './propagation-target';

/**
 * The graph in @observablehq/runtime: one variable per cell, the sinks observed (which makes everything
 * upstream of them reachable, so computed). An edit redefines the head and runs the pass at once with
 * `_computeNow()` instead of waiting for the runtime's own setImmediate; it has settled when every sink's
 * observer has been handed its new value. Watching every cell gives every variable an observer.
 */
export async function observableTarget(graph: BenchGraph, watching: Watching): Promise<PropagationTarget> {
  const runtime = new Runtime();
  const module = runtime.module();
  const sinks = new Set(graph.sinks);
  const values = new Map<string, number>();
  let unsettled = 0;
  let settle: () => void = () => {};
  const watchEverything: Observer = { fulfilled() {} };
  const observerOf = (id: string): Observer | undefined =>
    sinks.has(id) ? observe(id) : watching === 'every cell' ? watchEverything : undefined;
  const observe = (id: string): Observer => ({
    fulfilled(value: unknown) {
      values.set(id, typeof value === 'number' ? value : Number.NaN);
      if (--unsettled === 0) settle();
    },
    rejected() {
      values.set(id, Number.NaN); // the check after the edit reports it
      if (--unsettled === 0) settle();
    },
  });

  const head = module.variable(observerOf(HEAD));
  for (const { id, inputs } of graph.nodes) {
    if (id === HEAD) head.define(HEAD, [], () => 0);
    else {
      const variable = module.variable(observerOf(id));
      if (inputs.length === 1) variable.define(id, inputs, (a: number) => a + 1);
      else variable.define(id, inputs, (a: number, b: number) => (a + b) / 2 + 1);
    }
  }

  const edit = (value: number): Promise<void> => {
    const settled = new Promise<void>((resolve) => {
      settle = resolve;
      unsettled = sinks.size;
    });
    head.define(HEAD, [], () => value);
    void runtime._computeNow();
    return settled;
  };
  await edit(0);
  return {
    runtime: 'Observable',
    edit,
    sinkValues: () => graph.sinks.map((id) => values.get(id) ?? Number.NaN),
    dispose: () => runtime.dispose(),
  };
}
