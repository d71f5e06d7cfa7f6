import type { FileFacts, Plan } from './facts.js'
import { resolveOptions } from './options.js'
import { planBuild } from './plan/index.js'
import { readStream } from './read/read-stream.js'
import { Reporter } from './report/reporter.js'
import type { BuildInput, BuildOptions } from './types.js'

// --- internal ---

/** What `build` and `prune` both start from: the facts of every input, and the plan. */
export interface Analysis {
  readonly files: readonly FileFacts[]
  /** Undefined when reading found errors (they are in `report`). */
  readonly plan: Plan | undefined
  readonly report: Reporter
}

/**
 * Reads every input and plans the build; errors are collected in the
 * result's reporter, not thrown. The warnings are not settled yet: the
 * caller adds its own (prune's INCOMPLETE_LIVE_STATE), then calls
 * {@link settleWarnings}, so that every warning gets the level the options
 * set for its code.
 */
export function analyze(inputs: readonly BuildInput[], options: BuildOptions): Analysis {
  const report = new Reporter()
  const { readOptions, planOptions } = resolveOptions(options)
  // The whole build's alias expansion is bounded in proportion to its size.
  const size = inputs.reduce((n, f) => n + f.content.length, 0)
  const read = { ...readOptions, expansion: { aliased: 0, limit: 4_000_000 + 20 * size } }
  const files = distinctPaths(inputs).map(f => readStream(f.path, f.content, read, report))
  if (report.errors.length === 0 && files.every(f => f.docs.every(d => d.objects.length === 0))) {
    report.warn('EMPTY_INPUT', { message: 'the input holds no Kubernetes objects' })
  }
  const plan = report.errors.length === 0 ? planBuild(files, planOptions, report) : undefined
  return { files, plan, report }
}

/**
 * Once every warning is reported: sorted by file and place, and at the
 * level the options set for its code (`error` moves it to the errors,
 * `ignore` drops it).
 */
export function settleWarnings({ files, report }: Analysis, options: BuildOptions): void {
  report.settle(options.warnings ?? {}, files.map(f => f.path))
}

/** A string input is one file named `<input>` (or `name`). */
export function asInputs(input: string | readonly BuildInput[], name = '<input>'): readonly BuildInput[] {
  return typeof input === 'string' ? [{ path: name, content: input }] : input
}

/**
 * Inputs are told apart by path; a path given twice is numbered, `a.yaml (2)`.
 * build, prune and diff refuse a path given twice (check-options.ts), so this
 * only guards internal callers.
 */
export function distinctPaths(inputs: readonly BuildInput[]): readonly BuildInput[] {
  const seen = new Map<string, number>()
  let renamed = false
  const out = inputs.map(i => {
    const n = (seen.get(i.path) ?? 0) + 1
    seen.set(i.path, n)
    if (n === 1) return i
    renamed = true
    return { path: `${i.path} (${n})`, content: i.content }
  })
  return renamed ? out : inputs
}
