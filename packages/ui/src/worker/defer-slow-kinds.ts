import type { CellKind } from '@convbook/cells';

/**
 * Kinds marked `slow` in their definition replay the whole chain (a forward and a backward pass, and for
 * training a loop of them): about 10–15 ms per edit in the lecture notebook, against microseconds for a
 * conv or a pool map.
 */
const isSlow = (kind: CellKind): boolean => kind.slow;

/** Resolves in a later task of the event loop, after the current task's microtasks have all run. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Why: the scheduler evaluates every affected cell in one synchronous pass and publishes the states when
 * the pass ends, so the synchronous start of a slow kind's compute held back every feature map of the same
 * edit. The wrapped kinds start their compute one task later instead: the pass ends, the maps' new states
 * go to the page, and the slow cell, already published as pending, follows. A run that an edit made stale
 * while it waited is not started at all (the scheduler reruns the cell with the latest inputs).
 */
export function deferringSlowKinds(
  findKind: (kind: string) => CellKind | undefined,
  slow: (kind: CellKind) => boolean = isSlow,
  defer: () => Promise<void> = nextTask,
): (kind: string) => CellKind | undefined {
  const wrapped = new Map<CellKind, CellKind>();
  return (name) => {
    const kind = findKind(name);
    if (kind === undefined || !slow(kind)) return kind;
    let deferred = wrapped.get(kind);
    if (deferred === undefined) {
      deferred = {
        ...kind,
        compute: async (inputs, params, context) => {
          await defer();
          context.signal.throwIfAborted();
          return kind.compute(inputs, params, context);
        },
      };
      wrapped.set(kind, deferred);
    }
    return deferred;
  };
}
