/**
 * A small seeded PRNG (mulberry32) so notebooks reproduce: the same seed gives the same kernels and the same
 * noise images on every machine. Not for cryptography.
 */
export interface Random {
  /** Uniform in [0, 1). */
  (): number;
  /** Standard normal sample (mean 0, standard deviation 1), by Box–Muller. */
  gaussian(): number;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const gaussian = (): number => {
    // 1 − u keeps the logarithm's argument in (0, 1]; the spare second sample is dropped for simplicity.
    const u = 1 - uniform();
    const v = uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
  return Object.assign(uniform, { gaussian });
}
