/**
 * Runs for one property. `FUZZ_RUNS` (set by `pnpm fuzz`) replaces the default; `share` scales it down for
 * properties whose single case costs far more than the rest.
 */
export function fuzzRuns(defaultRuns: number, share = 1): number {
  const requested = process.env.FUZZ_RUNS;
  if (requested === undefined || requested === '') return defaultRuns;
  return Math.max(1, Math.round(Number(requested) * share));
}

/**
 * Vitest's per-test limit: the default 30 s for the everyday suite, ten minutes when `FUZZ_RUNS` asks for a
 * long run (the runs themselves bound the work; the timeout only catches a hang).
 */
export function fuzzTimeout(): number {
  return process.env.FUZZ_RUNS ? 600_000 : 30_000;
}
