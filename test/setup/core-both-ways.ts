// What the tests import as @cmhash/core (vitest.config.ts): the library as
// it is, except that every build() is done twice, in one read and in two
// (analyze.ts: a large input keeps only summaries while deciding and reads
// each file again for its edits), and the two must agree exactly: output,
// files, renames, warnings, or the same errors. So every build of every
// test also checks the two-read plan, which real inputs take only from
// LEAN_FROM (32 MiB) on.
import { isDeepStrictEqual } from 'node:util'
import { buildWith } from '../../packages/core/src/build.js'
import type { BuildInput, BuildOptions, BuildResult } from '../../packages/core/src/index.js'

export * from '../../packages/core/src/index.js'

export function build(input: string | readonly BuildInput[], options?: BuildOptions): BuildResult {
  const once = attempt(() => buildWith(input, options, false))
  const twice = attempt(() => buildWith(input, options, true))
  if (!isDeepStrictEqual(once.seen, twice.seen)) {
    throw new Error(`a build read once and the same build read twice differ:\n${JSON.stringify(once.seen).slice(0, 3000)}\n${JSON.stringify(twice.seen).slice(0, 3000)}`)
  }
  if ('result' in once) return once.result
  throw once.error
}

/** Everything a build gives, as data (`seen`); or what it threw. */
function attempt(run: () => BuildResult): { seen: unknown; result: BuildResult } | { seen: unknown; error: unknown } {
  try {
    const result = run()
    return { seen: { output: result.output, files: result.files, chunks: [...result.chunks()], renames: result.renames, warnings: result.warnings }, result }
  } catch (error) {
    const e = error as { name?: unknown; message?: unknown; errors?: unknown }
    return { seen: { threw: error instanceof Error ? { name: e.name, message: e.message, errors: e.errors } : error }, error }
  }
}
