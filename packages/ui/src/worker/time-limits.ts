import type { CellKind, ComputeContext } from '@convbook/cells';

/** What the page tells the worker about time: cells it must not compute, and cells given more time. */
export interface CellLimits {
  /** Cells held back, each with the sentence its error shows (it took too long before). */
  readonly held: Readonly<Record<string, string>>;
  /** Cells the user chose to "compute anyway": their budget is `patientBudgetMs`. */
  readonly patient: readonly string[];
}

export const NO_LIMITS: CellLimits = { held: {}, patient: [] };

/** How long one computation of a cell may run, asynchronous steps included. */
export const COMPUTE_BUDGET_MS = 60_000;
/** The same after "compute anyway". */
export const PATIENT_BUDGET_MS = 30 * 60_000;

export interface TimeLimitHost {
  limits(): CellLimits;
  /** A cell's computation starts: said before its synchronous part runs, so a hang can be blamed on it. */
  computing(id: string): void;
  /** A cell's asynchronous computation passed its budget and was stopped. */
  overBudget(id: string, budgetMs: number): void;
  readonly budgetMs?: number;
  readonly patientBudgetMs?: number;
}

/** The error a cell shows when its computation passed its budget. */
export function overBudgetMessage(budgetMs: number): string {
  return `took longer than ${formatSeconds(budgetMs)}, its time limit, so it was stopped and the other cells computed without it; choose “Compute anyway” to give it more time`;
}

export function formatSeconds(ms: number): string {
  return ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 100) / 10} s`;
}

/**
 * Wraps every kind so that a slow cell fails alone. Each computation first names its cell to the page
 * (a worker stuck in one synchronous compute cannot speak, so the page blames the cell named last; see
 * cell-time-limits.ts), a held cell errors without computing, and an asynchronous computation (the steps
 * of a grad cell) is aborted once it passes its budget. Kinds that run on demand (training) have their
 * own Stop and no budget.
 */
export function timeLimitedKinds(
  findKind: (kind: string) => CellKind | undefined,
  host: TimeLimitHost,
): (kind: string) => CellKind | undefined {
  const wrapped = new Map<CellKind, CellKind>();
  return (name) => {
    const kind = findKind(name);
    if (kind === undefined) return kind;
    let limited = wrapped.get(kind);
    if (limited === undefined) {
      limited = {
        ...kind,
        compute: (inputs, params, context) => limitedCompute(kind, host, inputs, params, context),
      };
      wrapped.set(kind, limited);
    }
    return limited;
  };
}

function limitedCompute(
  kind: CellKind,
  host: TimeLimitHost,
  inputs: Parameters<CellKind['compute']>[0],
  params: Parameters<CellKind['compute']>[1],
  context: ComputeContext,
): ReturnType<CellKind['compute']> {
  const limits = host.limits();
  const held = limits.held[context.cellId];
  if (held !== undefined) throw new Error(held);
  host.computing(context.cellId);
  if (kind.runsOn === 'demand') return kind.compute(inputs, params, context);
  const budgetMs = limits.patient.includes(context.cellId)
    ? (host.patientBudgetMs ?? PATIENT_BUDGET_MS)
    : (host.budgetMs ?? COMPUTE_BUDGET_MS);
  const budget = new AbortController();
  const stale = (): void => budget.abort(context.signal.reason);
  if (context.signal.aborted) stale();
  else context.signal.addEventListener('abort', stale, { once: true });
  const result = kind.compute(inputs, params, withSignal(context, budget.signal));
  if (!(result instanceof Promise)) {
    context.signal.removeEventListener('abort', stale);
    return result;
  }
  let over = false;
  const timer = setTimeout(() => {
    over = true;
    budget.abort(new Error(overBudgetMessage(budgetMs)));
  }, budgetMs);
  const settle = (): void => {
    clearTimeout(timer);
    context.signal.removeEventListener('abort', stale);
  };
  return result.then(
    (value) => {
      settle();
      return value;
    },
    (error: unknown) => {
      settle();
      if (!over) throw error;
      host.overBudget(context.cellId, budgetMs);
      throw new Error(overBudgetMessage(budgetMs));
    },
  );
}

/** The same context with another abort signal (RunContext keeps private state, so no prototype trick). */
function withSignal(context: ComputeContext, signal: AbortSignal): ComputeContext {
  return {
    cellId: context.cellId,
    signal,
    progress: (done, total, partial) => context.progress(done, total, partial),
    get graph() {
      return context.graph;
    },
    ...(context.parallel === undefined ? {} : { parallel: context.parallel }),
    ...(context.previous === undefined ? {} : { previous: context.previous }),
    ...(context.lastCompute === undefined ? {} : { lastCompute: context.lastCompute }),
  };
}

/** Fails to compile when ComputeContext gains a field withSignal does not carry over (it lost lastCompute once). */
type CarriedFields = 'cellId' | 'signal' | 'progress' | 'graph' | 'parallel' | 'previous' | 'lastCompute';
export const everyContextFieldCarried: [Exclude<keyof ComputeContext, CarriedFields>] extends [never]
  ? true
  : never = true;
