import type fc from 'fast-check'

/** How many cases a property test runs: CI's short budget, or CMHASH_FUZZ_RUNS (`pnpm fuzz`). */
export const fuzzRuns = (ciBudget = 60): number => Number(process.env.CMHASH_FUZZ_RUNS ?? ciBudget)

/**
 * fast-check's parameters for `runs` cases. A failure prints its seed and
 * path (the test summary repeats them); CMHASH_FC_SEED and CMHASH_FC_PATH
 * replay it.
 */
export const fuzzParams = (runs: number): fc.Parameters<unknown> => ({
  numRuns: runs,
  ...(process.env.CMHASH_FC_SEED ? { seed: Number(process.env.CMHASH_FC_SEED) } : {}),
  ...(process.env.CMHASH_FC_PATH ? { path: process.env.CMHASH_FC_PATH } : {}),
})
